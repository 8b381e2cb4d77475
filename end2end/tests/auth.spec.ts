import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { ports } from '../cluster-mode';
import { waitLive } from './helpers';

// Run by the `auth` project against a Berth whose users come from auth-tokens.csv:
// `admin` (system:masters) and `ann`, who may edit namespace `a` only.
const ADMIN = 'admin-e2e-token';
const ANN = 'ann-e2e-token';
const port = ports(Number(process.env.BERTH_TEST_PORT ?? 3107));
const asAdmin = { Authorization: `Bearer ${ADMIN}` };

async function signIn(page: Page, token: string) {
  await page.getByLabel('Token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

function deployment(name: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
    },
  };
}

/** Namespaces `a` and `b` with a Deployment `web` each, and ann's `edit` in `a` (once). */
async function tenants(request: APIRequestContext) {
  for (const ns of ['a', 'b']) {
    const made = await request.post('/api/v1/namespaces', { headers: asAdmin, data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
    if (made.status() === 409) return;
    expect(made.status()).toBe(201);
    expect((await request.post(`/apis/apps/v1/namespaces/${ns}/deployments`, { headers: asAdmin, data: deployment('web') })).status()).toBe(201);
  }
  await bind(request, 'ann-edits', 'edit', 'ann');
  await bind(request, 'vic-views', 'view', 'vic');
}

/** Binds `user` to the ClusterRole `role` in namespace `a`. */
async function bind(request: APIRequestContext, name: string, role: string, user: string) {
  const binding = await request.post('/apis/rbac.authorization.k8s.io/v1/namespaces/a/rolebindings', {
    headers: asAdmin,
    data: {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
    },
  });
  expect(binding.status()).toBe(201);
}

test('sign-in: a page leads to sign-in, a wrong token is refused, the right one opens the page, sign-out ends it', async ({ page, request }) => {
  expect((await request.get('/api/v1/namespaces')).status()).toBe(401);
  await page.goto('/namespaces/default/deployments');
  await expect(page).toHaveURL(/\/sign-in\?then=/);
  await expect(page.getByRole('heading', { name: 'Sign in to Berth' })).toBeVisible();
  await signIn(page, 'not-a-token');
  await expect(page.getByRole('alert')).toHaveText('That token was not accepted.');
  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  await waitLive(page);
  await expect(page.getByRole('group', { name: 'Account' })).toContainText('Signed in as admin');
  await expect(page.getByRole('link', { name: 'nginx-demo', exact: true })).toBeVisible();
  // The session is a cookie the page's scripts can't read.
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'berth_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('status')).toHaveText('You have signed out.');
  await page.goto('/namespaces/default/deployments');
  await expect(page).toHaveURL(/\/sign-in\?then=/);
});

test('a tenant: ann works in namespace a, and namespace b says what she may not do', async ({ page, request }) => {
  await tenants(request);
  await page.goto('/sign-in');
  await signIn(page, ANN);
  await page.goto('/namespaces/a/deployments');
  await waitLive(page);
  await expect(page.getByRole('group', { name: 'Account' })).toContainText('Signed in as ann');
  await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();
  // A write from the console carries the session's CSRF token, and ann may make it.
  await page.getByRole('link', { name: 'web', exact: true }).click();
  await page.getByRole('button', { name: 'Scale' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scale the workload' });
  await dialog.getByLabel('Pods').fill('2');
  await dialog.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scaled to 2 pods.' })).toBeVisible();

  await page.goto('/namespaces/b/deployments');
  await expect(page.getByRole('alert').first()).toContainText(
    'deployments.apps is forbidden: User "ann" cannot list resource "deployments" in API group "apps" in the namespace "b"',
  );
  await expect(page.getByRole('link', { name: 'web', exact: true })).toHaveCount(0);
  const b = await request.get('/apis/apps/v1/namespaces/b/deployments/web', { headers: asAdmin });
  expect((await b.json()).spec.replicas).toBe(1);
});

test('a viewer sees the workload, and its actions are disabled with the reason', async ({ page, request }) => {
  await tenants(request);
  await page.goto('/sign-in');
  await signIn(page, 'vic-e2e-token');
  // The list: no Create for a viewer, and each Delete disabled with why.
  await page.goto('/namespaces/a/deployments');
  await waitLive(page);
  await expect(page.getByRole('link', { name: 'Create workload' })).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText('You may not create deployments in the namespace a.');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'web', exact: true }) });
  await expect(row.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(row.getByRole('button', { name: 'Delete' })).toHaveAttribute('title', 'You may not delete deployments in the namespace a.');
  await page.goto('/namespaces/a/deployments/web');
  await waitLive(page);
  const actions = page.getByRole('toolbar', { name: 'Workload actions' });
  for (const name of ['Scale', 'Upgrade', 'Redeploy', 'Delete workload']) {
    await expect(actions.getByRole('button', { name })).toBeDisabled();
  }
  await expect(page.getByRole('note')).toContainText('You may not patch deployments/scale in the namespace a.');
  await expect(page.getByRole('note')).toContainText('You may not delete deployments in the namespace a.');
  // Each pod's Delete too.
  const pods = page.getByRole('row').filter({ hasText: /web-/ });
  await expect(pods.first()).toBeVisible();
  await expect(pods.first().getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(pods.first().getByRole('button', { name: 'Delete' })).toHaveAttribute('title', 'You may not delete pods in the namespace a.');
  // And on the pod's own page.
  await pods.first().getByRole('link', { name: /^web-/ }).click();
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete' })).toHaveAttribute('title', 'You may not delete pods in the namespace a.');
  // A viewer may not exec: the Terminal tab says so and opens no shell.
  await page.getByRole('tab', { name: 'Terminal' }).click();
  await expect(page.getByRole('note')).toContainText('You may not create pods/exec in the namespace a.');
  await expect(page.getByRole('button', { name: 'Open terminal' })).toBeDisabled();
  await expect(page.getByRole('region', { name: /^Terminal: / })).toHaveCount(0);
});

test("a viewer sees a CronJob's Run now and Suspend disabled, with why, on its list and its page", async ({ page, request }) => {
  await tenants(request);
  const cronJobs = '/apis/batch/v1/namespaces/a/cronjobs';
  const made = await request.post(cronJobs, { headers: asAdmin, data: {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
    spec: { schedule: '0 3 1 1 *', jobTemplate: { spec: { template: { spec: {
      restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['echo', 'hi'] }],
    } } } } },
  } });
  expect([201, 409]).toContain(made.status());
  await page.goto('/sign-in');
  await signIn(page, 'vic-e2e-token');
  const check = async () => {
    const run = page.getByRole('button', { name: 'Run nightly now' });
    const suspend = page.getByRole('button', { name: 'Suspend nightly' });
    await expect(run).toBeDisabled();
    await expect(run).toHaveAttribute('title', 'You may not create jobs in the namespace a.');
    await expect(suspend).toBeDisabled();
    await expect(suspend).toHaveAttribute('title', 'You may not patch cronjobs in the namespace a.');
  };
  await page.goto('/namespaces/a/cronjobs');
  await waitLive(page);
  await check();
  await page.getByRole('link', { name: 'nightly', exact: true }).click();
  await expect(page).toHaveURL(/\/namespaces\/a\/cronjobs\/nightly$/);
  await check();
  // Nothing was started or changed.
  expect((await (await request.get(`${cronJobs}/nightly`, { headers: asAdmin })).json()).spec.suspend ?? false).toBe(false);
  const jobs = await (await request.get('/apis/batch/v1/namespaces/a/jobs', { headers: asAdmin })).json();
  expect(jobs.items).toHaveLength(0);
});

test('writes from another origin are refused, and nothing is written', async ({ page, request }) => {
  await tenants(request);
  await page.goto('/sign-in');
  await signIn(page, ANN);
  await page.goto('/namespaces/a/deployments');
  await waitLive(page);
  const authOrigin = `http://127.0.0.1:${port.auth}`;
  const configMap = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
  // A fetch from the console's own page without the CSRF header.
  const bare = await page.evaluate(async (body) => {
    const answer = await fetch('/api/v1/namespaces/a/configmaps', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return answer.status;
  }, configMap('no-csrf'));
  expect(bare).toBe(403);
  // Another origin (another port of this host: the same site, so SameSite alone would
  // not stop it) posts a form and a fetch with the browser's cookies.
  const other = await page.context().newPage();
  // The attacker's page: served by the test, at another port of this host.
  const attacker = `http://127.0.0.1:${port.direct}/attacker`;
  await other.route(attacker, (route) => route.fulfill({ contentType: 'text/html', body: '<!DOCTYPE html><html><body></body></html>' }));
  await other.goto(attacker);
  await other.evaluate(async ({ target, body }) => {
    await fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body }).catch(() => {});
  }, { target: `${authOrigin}/api/v1/namespaces/a/configmaps`, body: configMap('cross-fetch') });
  const answered = other.waitForResponse((r) => r.url().startsWith(`${authOrigin}/api/v1/namespaces/a/configmaps`) && r.request().method() === 'POST');
  await other.evaluate(({ target, body }) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = target;
    form.enctype = 'text/plain';
    const field = document.createElement('input');
    field.name = body;
    form.appendChild(field);
    document.body.appendChild(form);
    form.submit();
  }, { target: `${authOrigin}/api/v1/namespaces/a/configmaps`, body: configMap('cross-form') });
  expect((await answered).status()).toBe(403);
  for (const name of ['no-csrf', 'cross-fetch', 'cross-form']) {
    expect((await request.get(`/api/v1/namespaces/a/configmaps/${name}`, { headers: asAdmin })).status()).toBe(404);
  }
});

test('script in names, labels, descriptions, env values and data stays inert on every page', async ({ page, request }) => {
  await tenants(request);
  const payloads = ['<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '"><svg onload="window.__xss=1">'];
  const data = Object.fromEntries(payloads.map((p, i) => [`k${i}`, p]));
  expect((await request.post('/api/v1/namespaces/a/configmaps', { headers: asAdmin, data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'xss', labels: { note: 'x' }, annotations: { note: payloads[0] } }, data } })).status()).toBe(201);
  const workload = deployment('xss-web');
  Object.assign(workload.metadata, { annotations: { 'berth.dev/description': payloads.join(' ') } });
  (workload.spec.template.spec.containers[0] as Record<string, unknown>).env = payloads.map((value, i) => ({ name: `V${i}`, value }));
  expect((await request.post('/apis/apps/v1/namespaces/a/deployments', { headers: asAdmin, data: workload })).status()).toBe(201);
  const event = {
    apiVersion: 'v1', kind: 'Event', metadata: { name: 'xss-event' }, type: 'Warning', reason: 'Probe', message: payloads.join(' '),
    involvedObject: { kind: 'Deployment', name: 'xss-web', namespace: 'a' },
  };
  expect((await request.post('/api/v1/namespaces/a/events', { headers: asAdmin, data: event })).status()).toBe(201);
  await page.goto('/sign-in');
  await signIn(page, ADMIN);
  for (const path of ['/namespaces/a/deployments', '/namespaces/a/deployments/xss-web', '/namespaces/a/deployments/xss-web?tab=yaml', '/namespaces/a/configmaps', '/namespaces/a/events', '/namespaces/a/pods']) {
    await page.goto(path);
    await waitLive(page);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), path).toBeUndefined();
  }
  await page.goto('/namespaces/a/configmaps');
  await page.getByRole('button', { name: /xss/ }).first().click().catch(() => {});
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});
