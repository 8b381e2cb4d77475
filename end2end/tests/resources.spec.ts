import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';
import { createDeployment } from './workload';

/** Creates an object through the API and expects it created. */
async function post(request: APIRequestContext, path: string, data: object) {
  const answer = await request.post(path, { data });
  expect(answer.status(), await answer.text()).toBe(201);
}

/** A ClusterIP Service selecting `app: name` in `ns`. */
const service = (name: string, port = 80) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name },
  spec: { selector: { app: name }, ports: [{ port, targetPort: 8080, protocol: 'TCP' }] },
});

/** Expects no axe violations on the page as it is. */
async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

/** The table named `name` and its body rows (rows with cells). */
function table(page: Page, name: string) {
  const t = page.getByRole('table', { name, exact: true });
  return { table: t, rows: t.getByRole('row').filter({ has: page.getByRole('cell') }) };
}

/** The first-column texts of `rows`, in order. */
const firstCells = (rows: ReturnType<typeof table>['rows']) =>
  rows.evaluateAll((rs) => rs.map((r) => (r as HTMLTableRowElement).cells[0].textContent!.trim()));

test('Services: columns, search, sort, a live addition and a confirmed delete', async ({ page, request }) => {
  await post(request, '/api/v1/namespaces/default/services', service('svc-alpha', 80));
  await page.goto('/namespaces/default/services');
  await waitLive(page);
  const { rows } = table(page, 'Services');
  const alpha = rows.filter({ hasText: 'svc-alpha' });
  await expect(alpha).toContainText('ClusterIP');
  await expect(alpha).toContainText(/10\.96\.\d+\.\d+/);
  await expect(alpha).toContainText('80:8080/TCP');
  await expect(alpha).toContainText('app=svc-alpha');
  await expectAccessible(page, 'services');

  // Created through the API while the page is open: it appears without a reload.
  const before = await rows.count();
  await post(request, '/api/v1/namespaces/default/services', service('svc-beta'));
  await expect(rows.filter({ hasText: 'svc-beta' })).toHaveCount(1);
  await expect(page.getByRole('paragraph').filter({ hasText: new RegExp(`^${before + 1} of ${before + 1} services$`) })).toHaveCount(1);

  // Sort: Name descending, then by port.
  const name = page.getByRole('columnheader', { name: 'Name' });
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'descending');
  const names = await firstCells(rows);
  expect(names).toEqual([...names].sort().reverse());
  await page.getByRole('columnheader', { name: 'Ports' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Ports' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(name).toHaveAttribute('aria-sort', 'none');

  // Search.
  await page.getByLabel('Search services').fill('beta');
  await expect(rows).toHaveCount(1);
  await expect(page.getByRole('paragraph').filter({ hasText: new RegExp(`^1 of ${before + 1} services$`) })).toHaveCount(1);
  await page.getByLabel('Search services').fill('');

  // Delete asks first; Cancel keeps it, Delete removes it.
  await rows.filter({ hasText: 'svc-beta' }).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete service svc-beta?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'services delete dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows.filter({ hasText: 'svc-beta' })).toHaveCount(1);
  await rows.filter({ hasText: 'svc-beta' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(rows.filter({ hasText: 'svc-beta' })).toHaveCount(0);
  expect((await request.get('/api/v1/namespaces/default/services/svc-beta')).status()).toBe(404);
});

test('ConfigMaps: a row opens to show its data; delete is confirmed', async ({ page, request }) => {
  await page.goto('/namespaces/default/configmaps');
  await waitLive(page);
  const { rows } = table(page, 'ConfigMaps');
  await post(request, '/api/v1/namespaces/default/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'app-settings' },
    data: { 'log.level': 'debug', 'app.properties': 'color=blue\nsize=3' },
  });
  const row = rows.filter({ hasText: 'app-settings' });
  await expect(row).toContainText('app.properties, log.level');
  const toggle = page.getByRole('button', { name: 'Show data of app-settings' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const data = page.getByRole('region', { name: 'Data of app-settings' });
  await expect(data).toContainText('log.level');
  await expect(data).toContainText('debug');
  await expect(data).toContainText('size=3');
  await expectAccessible(page, 'configmaps');
  await toggle.click();
  await expect(data).toHaveCount(0);

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete ConfigMap app-settings?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});

test('Secrets: type and keys, never a value until one is revealed; delete is confirmed', async ({ page, request }) => {
  const password = 'hunter2-very-secret';
  // Everything the browser receives: every answer's body and every watch frame.
  const bodies: Promise<string>[] = [];
  const frames: string[] = [];
  page.on('response', (r) => bodies.push(r.text().catch(() => '')));
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  await post(request, '/api/v1/namespaces/default/secrets', {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'db-credentials' },
    type: 'Opaque',
    stringData: { username: 'admin', password },
  });
  await page.goto('/namespaces/default/secrets');
  await waitLive(page);
  const { rows } = table(page, 'Secrets');
  const row = rows.filter({ hasText: 'db-credentials' });
  await expect(row).toContainText('Opaque');
  await expect(row).toContainText('password, username');
  // A Secret written while the page is open arrives over the watch, keys only.
  await post(request, '/api/v1/namespaces/default/secrets', {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api-key' }, stringData: { token: password },
  });
  await expect(rows.filter({ hasText: 'api-key' })).toContainText('token');
  // Neither the page, nor the state it was hydrated from, nor any answer or frame the
  // browser received holds a value.
  const html = await page.content();
  const received = [html, ...(await Promise.all(bodies)), ...frames].join('\n');
  expect(received).toContain('db-credentials');
  expect(received).not.toContain(password);
  expect(received).not.toContain(Buffer.from(password).toString('base64'));
  await expectAccessible(page, 'secrets');
  // Asked for, one value is shown.
  await row.getByRole('button', { name: 'Reveal the value of password in db-credentials' }).click();
  await expect(row).toContainText(password);
  await expect(row).not.toContainText('admin');

  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete Secret db-credentials?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});

test('Namespaces: create with the name checked at the field, type and status, delete', async ({ page, request }) => {
  await page.goto('/namespaces');
  await waitLive(page);
  const { rows } = table(page, 'Namespaces');
  await expect(rows.filter({ hasText: 'default' })).toContainText('General-purpose');
  await expect(rows.filter({ hasText: 'default' })).toContainText('Active');
  await expectAccessible(page, 'namespaces');

  await page.getByRole('button', { name: 'Create namespace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create namespace' });
  const field = dialog.getByLabel('Namespace name');
  await field.fill('Team_GPU');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription("Use only lowercase letters, digits, '-' and '.'.");
  await field.fill('team-gpu-');
  await expect(field).toHaveAccessibleDescription('Must start and end with a lowercase letter or digit.');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'create namespace dialog');
  await field.fill('team-gpu');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await dialog.getByLabel('GPU namespace').check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toHaveCount(0);
  const created = rows.filter({ hasText: 'team-gpu' });
  await expect(created).toContainText('GPU');
  await expect(created).toContainText('Active');
  const labels = (await (await request.get('/api/v1/namespaces/team-gpu')).json()).metadata.labels;
  expect(labels['berth.dev/namespace-type']).toBe('gpu');

  // The server's refusal shows at the field too.
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await dialog.getByLabel('Namespace name').fill('team-gpu');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByLabel('Namespace name')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // One created elsewhere appears live; deleting it is confirmed.
  await post(request, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } });
  const scratch = rows.filter({ hasText: 'scratch' });
  await expect(scratch).toHaveCount(1);
  await scratch.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete namespace scratch?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(scratch).toHaveCount(0, { timeout: 20_000 });
});

test('Images: the catalog by source with tags, size and ports; search and sort', async ({ page }) => {
  await page.goto('/images');
  await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
  const mine = table(page, 'My images');
  const open = table(page, 'Open-source images');
  const shared = table(page, 'Shared images');
  await expect(mine.rows.filter({ hasText: 'team/shop-api' })).toContainText('120 MB');
  await expect(open.rows.filter({ hasText: /^nginx/ })).toContainText('80');
  await expect(open.rows.filter({ hasText: /^busybox/ })).toContainText('none');
  await expect(shared.rows.filter({ hasText: 'platform/metrics-agent' })).toContainText('9100');
  await expectAccessible(page, 'images');

  // Hydrated once a header's sort button works.
  const size = open.table.getByRole('columnheader', { name: 'Size' });
  await expect(async () => {
    await size.getByRole('button').click();
    await expect(size).toHaveAttribute('aria-sort', 'ascending', { timeout: 500 });
  }).toPass();
  // The pause image (1 MB) is the smallest, then busybox (2 MB).
  expect((await firstCells(open.rows)).slice(0, 2)).toEqual(['pause', 'busybox']);

  await page.getByLabel('Search images').fill('redis');
  await expect(open.rows).toHaveCount(1);
  await expect(open.rows).toContainText('redis');
  await expect(mine.rows).toHaveText(['No images match.']);
});

test('Events: live, newest first, warnings in words, filtered by type', async ({ page, request }) => {
  await page.goto('/namespaces/default/events');
  await waitLive(page);
  const { rows } = table(page, 'Events');
  await createDeployment(request, 'ev-broken', { image: 'nginx:no-such-tag', replicas: 1 });
  await expect(rows.filter({ hasText: 'ScalingReplicaSet' }).filter({ hasText: 'ev-broken' })).toHaveCount(1);
  const warning = rows.filter({ hasText: 'Warning' }).filter({ hasText: /ev-broken-/ }).first();
  await expect(warning).toBeVisible({ timeout: 20_000 });
  await expect(warning).toContainText('Failed to re-pull image: check');
  await expect(page.getByRole('columnheader', { name: 'Last seen' })).toHaveAttribute('aria-sort', 'ascending');
  await expectAccessible(page, 'events');

  await page.getByLabel('Type').selectOption({ label: 'Warning' });
  await expect(rows.first()).toContainText('Warning');
  const types = await rows.evaluateAll((rs) => rs.map((r) => (r as HTMLTableRowElement).cells[0].textContent!.trim()));
  expect(new Set(types)).toEqual(new Set(['Warning']));
  await page.getByLabel('Type').selectOption({ label: 'Normal' });
  await expect(rows.filter({ hasText: 'Warning' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'ScalingReplicaSet' }).first()).toBeVisible();
});

test('All namespaces: the switcher keeps the list, which then spans namespaces', async ({ page, request }) => {
  await post(request, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'elsewhere' } });
  await post(request, '/api/v1/namespaces/elsewhere/services', service('far-away'));
  await page.goto('/namespaces/default/services');
  await waitLive(page);
  await expect(page.getByRole('columnheader', { name: 'Namespace' })).toHaveCount(0);
  await page.getByLabel('Namespace', { exact: true }).selectOption({ label: 'All namespaces' });
  await expect(page).toHaveURL(/\/namespaces\/_all\/services$/);
  await waitLive(page);
  const { rows } = table(page, 'Services');
  await expect(page.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();
  await expect(rows.filter({ hasText: 'far-away' })).toContainText('elsewhere');
  await expectAccessible(page, 'all services');

  // Live across namespaces, and the place is linkable.
  await post(request, '/api/v1/namespaces/elsewhere/services', service('far-later'));
  await expect(rows.filter({ hasText: 'far-later' })).toContainText('elsewhere');
  await page.goto('/namespaces/_all/events');
  await waitLive(page);
  await expect(page.getByLabel('Namespace', { exact: true })).toHaveValue('_all');
  await expect(page.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();

  // Workloads and pods across namespaces: a workload links into its own namespace.
  const labels = { app: 'far-web' };
  await post(request, '/apis/apps/v1/namespaces/elsewhere/deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'far-web', labels },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  });
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Pods' }).click();
  await expect(page).toHaveURL(/\/namespaces\/_all\/pods$/);
  await waitLive(page);
  // Other tests' pods may fill more than a page: find these by name.
  await page.getByLabel('Search pods').fill('far-web-');
  await expect(page.getByRole('row').filter({ hasText: /^far-web-/ })).toHaveCount(1);
  await page.getByLabel('Search pods').fill('nginx-demo-');
  await expect(page.getByRole('row').filter({ hasText: /^nginx-demo-/ })).toHaveCount(3);
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deployments' }).click();
  await expect(page).toHaveURL(/\/namespaces\/_all\/deployments$/);
  await waitLive(page);
  await expect(page.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'far-web' })).toContainText('elsewhere');
  await page.getByRole('row').filter({ hasText: 'far-web' }).getByRole('link', { name: 'far-web' }).click();
  await expect(page).toHaveURL(/\/namespaces\/elsewhere\/deployments\/far-web$/);

  // Deleting from the all-namespaces view deletes in the object's own namespace.
  await page.goto('/namespaces/_all/services');
  await waitLive(page);
  await rows.filter({ hasText: 'far-later' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(rows.filter({ hasText: 'far-later' })).toHaveCount(0);
  expect((await request.get('/api/v1/namespaces/elsewhere/services/far-later')).status()).toBe(404);
});

test('the navigation reaches every resource page', async ({ page }) => {
  await page.goto('/namespaces/default/deployments');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  for (const [link, path, heading] of [
    ['Services', '/namespaces/default/services', 'Services'],
    ['ConfigMaps', '/namespaces/default/configmaps', 'ConfigMaps'],
    ['Secrets', '/namespaces/default/secrets', 'Secrets'],
    ['Events', '/namespaces/default/events', 'Events'],
    ['Namespaces', '/namespaces', 'Namespaces'],
    ['Images', '/images', 'Images'],
  ]) {
    await nav.getByRole('link', { name: link, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expect(nav.getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
  }
});

test('the resource pages speak Chinese and Russian', async ({ page }) => {
  await page.goto('/namespaces/default/services');
  await waitLive(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('服务（Service）');
  await expect(page.getByRole('columnheader', { name: '集群 IP' })).toBeVisible();
  await expect(page.getByLabel('命名空间', { exact: true })).toHaveValue('default');
  await expect(page.getByRole('option', { name: '全部命名空间' })).toHaveCount(1);
  await page.getByLabel('语言').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сервисы');
  await page.getByRole('navigation').getByRole('link', { name: 'Образы' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Образы');
  await expect(page.getByRole('heading', { name: 'Мои образы' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Порты по умолчанию' }).first()).toBeVisible();
});
