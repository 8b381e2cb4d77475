import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWizard, next, throughToAdvanced } from './helpers';
import { deploymentPath, removeLeftover } from './workload';

test('a Deployment with two containers, probes, env, a volume, internet access and replace upgrade', async ({ page, request }) => {
  // The container reads key `token` of Secret `api`: without it the pod would stop at
  // CreateContainerConfigError, as on a cluster.
  await request.post('/api/v1/namespaces/default/secrets', {
    data: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'api' }, stringData: { token: 's3cret' } },
  });
  await removeLeftover(request, deploymentPath('shop-web'));
  await removeLeftover(request, '/api/v1/namespaces/default/services/shop-web');
  await openWizard(page);
  await page.getByLabel('Workload name').fill('shop-web');
  await page.getByLabel('Pods').fill('2');
  await next(page, 'containers');

  const main = page.getByRole('group', { name: 'Container 1' });
  await main.getByLabel('Image', { exact: true }).fill('nginx');
  await expect(main.getByLabel('Container name')).toHaveValue('nginx');
  await expect(main.getByRole('group', { name: 'Port 1' }).getByLabel('Container port')).toHaveValue('80');
  await main.getByLabel('Image tag').fill('1.27');

  await main.getByLabel('Liveness').check();
  const liveness = main.getByRole('group', { name: 'Liveness probe' });
  await liveness.getByLabel('Port').fill('80');
  await expect(liveness.getByLabel('Period (seconds)')).toHaveValue('10');

  await main.getByLabel('Readiness').check();
  const readiness = main.getByRole('group', { name: 'Readiness probe' });
  await readiness.getByLabel('Check type').selectOption({ label: 'TCP' });
  await readiness.getByLabel('Port').fill('80');

  await main.getByLabel('Startup').check();
  const startup = main.getByRole('group', { name: 'Startup probe' });
  await startup.getByLabel('Check type').selectOption({ label: 'Command' });
  await startup.getByLabel('Check command').fill('cat\n/etc/nginx/nginx.conf');

  await main.getByRole('button', { name: 'Add variable' }).click();
  const podIp = main.getByRole('group', { name: 'Variable 1' });
  await podIp.getByLabel('Variable name').fill('POD_IP');
  await podIp.getByLabel('Value source').selectOption({ label: 'Pod IP' });
  await main.getByRole('button', { name: 'Add variable' }).click();
  const token = main.getByRole('group', { name: 'Variable 2' });
  await token.getByLabel('Variable name').fill('TOKEN');
  await token.getByLabel('Value source').selectOption({ label: 'Secret key' });
  await token.getByLabel('Secret name').fill('api');
  await token.getByLabel('Key', { exact: true }).fill('token');

  await main.getByRole('button', { name: 'Add volume' }).click();
  const volume = main.getByRole('group', { name: 'Volume 1' });
  await volume.getByLabel('Volume name').fill('cache');
  await volume.getByLabel('Mount path').fill('/var/cache/nginx');

  await page.getByRole('button', { name: 'Add container' }).click();
  const init = page.getByRole('group', { name: 'Container 2' });
  await init.getByLabel('Container type').selectOption({ label: 'Init container' });
  await init.getByLabel('Image', { exact: true }).fill('busybox');
  await init.getByLabel('Command').fill('sh\n-c\ntrue');
  await next(page, 'access');

  await page.getByLabel('Internet access').check();
  await next(page, 'advanced');
  await page.getByLabel('Upgrade strategy').selectOption({ label: 'Replace upgrade' });
  await next(page, 'confirm');

  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  const row = page.getByRole('row', { name: /shop-web/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('Running');
  await expect(row.getByRole('cell').nth(2)).toHaveText('2/2');

  const answer = await request.get('/apis/apps/v1/namespaces/default/deployments/shop-web');
  expect(answer.ok()).toBeTruthy();
  const d = await answer.json();
  expect(d.spec.replicas).toBe(2);
  expect(d.spec.strategy).toEqual({ type: 'Recreate' });
  const pod = d.spec.template.spec;
  expect(pod.initContainers).toHaveLength(1);
  expect(pod.initContainers[0]).toMatchObject({ name: 'busybox', image: 'busybox:latest', command: ['sh', '-c', 'true'] });
  expect(pod.containers).toHaveLength(1);
  const c = pod.containers[0];
  expect(c).toMatchObject({ name: 'nginx', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' });
  expect(c.ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  expect(c.resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '500m', memory: '1Gi' } });
  expect(c.livenessProbe).toEqual({
    httpGet: { path: '/', port: 80, scheme: 'HTTP' },
    initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3,
  });
  expect(c.readinessProbe.tcpSocket).toEqual({ port: 80 });
  expect(c.startupProbe.exec).toEqual({ command: ['cat', '/etc/nginx/nginx.conf'] });
  expect(c.env).toEqual([
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
  ]);
  expect(c.volumeMounts).toEqual([{ name: 'cache', mountPath: '/var/cache/nginx' }]);
  expect(pod.volumes).toEqual([{ name: 'cache', emptyDir: { sizeLimit: '10Gi' } }]);

  const svc = await (await request.get('/api/v1/namespaces/default/services/shop-web')).json();
  expect(svc.spec.type).toBe('LoadBalancer');
  expect(svc.spec.selector).toEqual({ app: 'shop-web' });
  expect(svc.spec.ports[0]).toMatchObject({ port: 80, targetPort: 80 });
  expect(svc.status.loadBalancer.ingress[0].ip).toMatch(/^203\.0\.113\./);
});

test('invalid input shows its message at the field and blocks Next', async ({ page }) => {
  await openWizard(page);
  const name = page.getByLabel('Workload name');
  const cases: [string, string][] = [
    ['Web', "Use only lowercase letters, digits, '-' and '.'."],
    ['a..b', "Must not contain '..'."],
    ['a.-b', "Must not have '.' next to '-'."],
    ['-web', 'Must start and end with a lowercase letter or digit.'],
    ['a'.repeat(64), 'At most 63 characters.'],
  ];
  for (const [value, message] of cases) {
    await name.fill(value);
    await name.blur();
    await expect(name).toHaveAccessibleDescription(message);
    await expect(name).toHaveAttribute('aria-invalid', 'true');
  }
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/workloads\/create\/basic$/);
  await expect(name).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the fields' })).toBeVisible();

  await page.getByLabel('Pods').fill('-1');
  await name.fill('web');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Pods')).toBeFocused();
  await expect(page.getByLabel('Pods')).toHaveAccessibleDescription('Must be at least 0.');
  await page.getByLabel('Pods').fill('1');
  await next(page, 'containers');

  const main = page.getByRole('group', { name: 'Container 1' });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(main.getByLabel('Image', { exact: true })).toBeFocused();
  await expect(main.getByLabel('Image', { exact: true })).toHaveAccessibleDescription('Required.');
  await main.getByLabel('Image', { exact: true }).fill('redis');
  await main.getByRole('group', { name: 'Port 1' }).getByLabel('Container port').fill('70000');
  await main.getByLabel('CPU request').fill('lots');
  await main.getByLabel('Liveness').check();
  await main.getByRole('group', { name: 'Liveness probe' }).getByLabel('Success threshold').fill('2');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/workloads\/create\/containers$/);
  await expect(main.getByRole('group', { name: 'Port 1' }).getByLabel('Container port')).toHaveAccessibleDescription('Must be between 1 and 65535.');
  await expect(main.getByLabel('CPU request')).toHaveAccessibleDescription('Must be a quantity such as 500m, 2 or 1Gi.');
  await expect(main.getByRole('group', { name: 'Liveness probe' }).getByLabel('Success threshold')).toHaveAccessibleDescription('Must be 1 for liveness and startup checks.');
});

test('a name clash is reported at the name field', async ({ page }) => {
  await throughToAdvanced(page, 'nginx-demo');
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toContainText('already exists');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/workloads\/create\/basic$/);
  await expect(page.getByLabel('Workload name')).toHaveAccessibleDescription(/already exists/);
});

test('the draft survives a reload and moving between steps', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Workload name').fill('kept');
  await page.getByLabel('Description').fill('Ничего не теряется');
  await next(page, 'containers');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill('redis');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Create workload' })).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true })).toHaveValue('redis');
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Workload name')).toHaveValue('kept');
  await expect(page.getByLabel('Description')).toHaveValue('Ничего не теряется');
});

test('each step passes an axe scan', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Workload name').fill('scanned');
  for (const step of ['basic', 'containers', 'access', 'advanced', 'confirm']) {
    if (step !== 'basic') await next(page, step);
    if (step === 'containers') {
      await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill('nginx');
    }
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${step}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  }
});

/** Presses Tab until `target` has focus (as a keyboard user would), failing after 60. */
async function tabTo(page: Page, target: ReturnType<Page['getByLabel']>) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

test('the whole wizard can be completed with the keyboard alone', async ({ page }) => {
  await openWizard(page);
  await tabTo(page, page.getByLabel('Workload name'));
  await page.keyboard.type('typed-only');
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/containers$/);

  const image = page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true });
  await tabTo(page, image);
  await page.keyboard.type('httpd');
  await tabTo(page, page.getByRole('group', { name: 'Container 1' }).getByLabel('Readiness'));
  await page.keyboard.press('Space');
  await expect(page.getByRole('group', { name: 'Readiness probe' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/access$/);

  await tabTo(page, page.getByLabel('No access'));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Intranet access')).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/advanced$/);
  await tabTo(page, page.getByRole('button', { name: 'Next' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/confirm$/);
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await tabTo(page, page.getByRole('button', { name: 'Submit' }));
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  await expect(page.getByRole('row', { name: /typed-only/ }).getByRole('cell').nth(3)).toHaveText('httpd:latest');
});

test('Edit YAML: edits flow back into the form, and fields without a control are kept', async ({ page, request }) => {
  await throughToAdvanced(page, 'yaml-made', 'redis');

  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByLabel('YAML', { exact: true });
  const text = await editor.inputValue();
  expect(text).toContain('name: yaml-made');
  expect(text).toContain('image: redis:latest');
  await editor.fill(text.replace('replicas: 2', 'replicas: 4\n  revisionHistoryLimit: 7'));
  await page.getByRole('button', { name: 'Apply YAML' }).click();
  await expect(page.getByRole('list', { name: 'Kept from the YAML (no form control)' })).toContainText('spec.revisionHistoryLimit');

  await page.getByRole('link', { name: '1. Basic info' }).click();
  await expect(page.getByLabel('Pods')).toHaveValue('4');
  await page.getByLabel('Pods').fill('3');
  await next(page, 'containers');
  await next(page, 'access');
  await next(page, 'advanced');
  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const again = await page.getByLabel('YAML', { exact: true }).inputValue();
  expect(again).toContain('replicas: 3');
  expect(again).toContain('revisionHistoryLimit: 7');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  const d = await (await request.get('/apis/apps/v1/namespaces/default/deployments/yaml-made')).json();
  expect(d.spec.replicas).toBe(3);
  expect(d.spec.revisionHistoryLimit).toBe(7);
});

test('a pasted manifest starts the wizard pre-filled, and bad YAML says so', async ({ page }) => {
  await openWizard(page);
  await page.getByRole('button', { name: 'Start from a manifest' }).click();
  const paste = page.getByLabel('Paste a manifest');
  await paste.fill('kind: Deployment\nmetadata: [unclosed');
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(paste).toHaveAttribute('aria-invalid', 'true');
  await expect(paste).toHaveAccessibleDescription(/.+/);
  await paste.fill(
    [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: pasted',
      'spec:',
      '  replicas: 5',
      '  selector: {matchLabels: {app: pasted}}',
      '  template:',
      '    metadata: {labels: {app: pasted}}',
      '    spec:',
      '      tolerations: [{key: dedicated, operator: Exists}]',
      '      containers:',
      '      - name: api',
      '        image: team/shop-api:v2',
      '        ports: [{containerPort: 8080}]',
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Fill the form' }).click();
  await expect(page.getByLabel('Workload name')).toHaveValue('pasted');
  await expect(page.getByLabel('Pods')).toHaveValue('5');
  await next(page, 'containers');
  const c = page.getByRole('group', { name: 'Container 1' });
  await expect(c.getByLabel('Image', { exact: true })).toHaveValue('team/shop-api');
  await expect(c.getByLabel('Image tag')).toHaveValue('v2');
  await expect(c.getByRole('group', { name: 'Port 1' }).getByLabel('Container port')).toHaveValue('8080');
  await next(page, 'access');
  await next(page, 'advanced');
  await expect(page.getByRole('list', { name: 'Kept from the YAML (no form control)' })).toContainText('spec.template.spec.tolerations');
});

test('pickers: an image by source and search, Secret and ConfigMap keys, one created inline', async ({ page, request }) => {
  const secret = await request.post('/api/v1/namespaces/default/secrets', {
    data: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shop-db' }, data: { password: 'c2VjcmV0', user: 'YWRtaW4=' } },
  });
  expect(secret.status()).toBe(201);
  await openWizard(page, 'containers');
  const c = page.getByRole('group', { name: 'Container 1' });
  await c.getByRole('button', { name: 'Choose image' }).click();
  await c.getByRole('radio', { name: 'My images' }).check();
  await c.getByLabel('Search images').fill('shop');
  const found = c.getByRole('list', { name: 'Images' });
  await expect(found.getByRole('button')).toHaveText(['team/shop-api', 'team/shop-web']);
  await found.getByRole('button', { name: 'team/shop-api' }).click();
  await expect(c.getByLabel('Image', { exact: true })).toHaveValue('team/shop-api');
  await expect(c.getByLabel('Container name')).toHaveValue('shop-api');
  await expect(c.getByRole('group', { name: 'Port 1' }).getByLabel('Container port')).toHaveValue('8080');

  await c.getByRole('button', { name: 'Add variable' }).click();
  const v = c.getByRole('group', { name: 'Variable 1' });
  await v.getByLabel('Value source').selectOption({ label: 'Secret key' });
  const suggestions = (label: string) =>
    v.getByLabel(label, { exact: true }).evaluate((el) =>
      Array.from((el as HTMLInputElement).list?.options ?? []).map((o) => o.value),
    );
  await expect.poll(() => suggestions('Secret name')).toContain('shop-db');
  await v.getByLabel('Secret name').fill('shop-db');
  await expect.poll(() => suggestions('Key')).toEqual(['password', 'user']);

  await page.getByRole('button', { name: 'New Secret or ConfigMap' }).click();
  const form = page.getByRole('group', { name: 'New Secret or ConfigMap' });
  await form.getByLabel('Kind').selectOption('ConfigMap');
  await form.getByLabel('Name').fill('shop-settings');
  await form.getByLabel('Key', { exact: true }).fill('mode');
  await form.getByLabel('Value', { exact: true }).fill('fast');
  await form.getByRole('button', { name: 'Create' }).click();
  await expect(form.getByRole('status')).toHaveText('Created shop-settings.');
  await v.getByLabel('Value source').selectOption({ label: 'ConfigMap key' });
  await expect.poll(() => suggestions('ConfigMap name')).toContain('shop-settings');
  await v.getByLabel('ConfigMap name').fill('shop-settings');
  await expect.poll(() => suggestions('Key')).toEqual(['mode']);
});

test('the wizard speaks Chinese and Russian', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('创建工作负载');
  await page.getByLabel('负载名称').fill('Bad');
  await page.getByLabel('负载名称').blur();
  await expect(page.getByLabel('负载名称')).toHaveAccessibleDescription('只能包含小写字母、数字、“-”和“.”。');
  await page.getByLabel('语言').selectOption('ru');
  await expect(page.getByRole('button', { name: 'Далее' })).toBeVisible();
  await expect(page.getByLabel('Имя нагрузки')).toHaveAccessibleDescription('Только строчные буквы, цифры, «-» и «.».');
});

test('a flavour sizes the containers, and limits that fit no flavour are caught', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Workload name').fill('sized');
  // Pod type and flavour are cards to choose from, one of them chosen.
  const flavour = page.getByRole('group', { name: 'Flavour' });
  await expect(page.getByRole('group', { name: 'Pod type' }).getByRole('radio', { name: 'General-purpose' })).toBeChecked();
  await expect(flavour.getByRole('radio', { checked: true })).toHaveCount(1);
  await flavour.getByRole('radio', { name: '2 vCPU · 4 GiB' }).check();
  // The summary beside the form says what was chosen.
  const summary = page.getByRole('complementary', { name: 'Your choices' });
  await expect(summary).toContainText('sized');
  await expect(summary).toContainText('2 vCPU · 4 GiB');
  await next(page, 'containers');
  const c = page.getByRole('group', { name: 'Container 1' });
  await c.getByLabel('Image', { exact: true }).fill('nginx');
  await expect(c.getByLabel('CPU limit')).toHaveValue('2000m');
  await expect(c.getByLabel('Memory limit')).toHaveValue('4096Mi');
  await c.getByLabel('CPU limit').fill('3000m');
  await next(page, 'access');
  await next(page, 'advanced');
  await next(page, 'confirm');
  const problems = page.getByRole('list', { name: 'What the rules reject' });
  await expect(problems).toContainText('3 vCPU and 4 GiB');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Fix the fields' })).toBeVisible();
  await problems.getByRole('link', { name: 'Basic info' }).click();
  await expect(flavour.getByRole('radio', { name: 'Custom (set per container)' })).toBeChecked();
  await expect(flavour).toHaveAccessibleDescription(/3 vCPU and 4 GiB/);
});

test('DNS config: replacing the cluster DNS needs a name server and writes policy None', async ({ page }) => {
  await throughToAdvanced(page, 'dns-own');
  await page.getByLabel('DNS config').selectOption({ label: "Replace the cluster's DNS" });
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Name servers')).toBeFocused();
  await expect(page.getByLabel('Name servers')).toHaveAccessibleDescription('Required.');
  await page.getByLabel('Name servers').fill('10.0.0.10');
  await page.getByLabel('Resolver options').fill('ndots=2');
  await next(page, 'confirm');
  // The manifest in YAML, as Edit YAML shows it.
  const manifest = page.getByLabel('Manifest');
  await expect(manifest).toContainText('dnsPolicy: None');
  await expect(manifest).toContainText('- 10.0.0.10');
  await expect(manifest).toContainText('- name: ndots');
  await expect(manifest).not.toContainText('"dnsPolicy"');
});

test('a namespace created inline is chosen, and an existing name is refused at the field', async ({ page }) => {
  await openWizard(page);
  await page.getByRole('button', { name: 'New namespace' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create namespace' });
  const field = dialog.getByLabel('Namespace name');
  await field.fill('default');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription('namespaces "default" already exists');
  await field.fill('wizard-team');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Create workload' }).getByLabel('Namespace')).toHaveValue('wizard-team');
});

test('Access: the Service goes to the port the container listens on, and a port no container declares is warned of', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Workload name').fill('cache');
  await next(page, 'containers');
  const main = page.getByRole('group', { name: 'Container 1' });
  await main.getByLabel('Image', { exact: true }).fill('redis');
  await expect(main.getByRole('group', { name: 'Port 1' }).getByLabel('Container port')).toHaveValue('6379');
  await next(page, 'access');
  await page.getByLabel('Intranet access').check();
  await expect(page.getByLabel('Access port')).toHaveValue('6379');
  const target = page.getByLabel('Target container port');
  await expect(target).toHaveValue('6379');
  await target.fill('80');
  await target.press('Tab');
  await expect(target).toHaveAccessibleDescription('No container declares port 80: requests to it would find nothing listening.');
  await expect(target).toHaveAttribute('aria-invalid', 'false');
  await target.fill('6379');
  await target.press('Tab');
  await expect(target).toHaveAccessibleDescription('');
  await next(page, 'advanced');
  await next(page, 'confirm');
  await expect(page.getByLabel('Manifest')).toContainText('targetPort: 6379');
});

test('Access: a workload name a Service cannot have is said at the Service name, which can be changed', async ({ page, request }) => {
  await removeLeftover(request, deploymentPath('web.v2'));
  await removeLeftover(request, '/api/v1/namespaces/default/services/web-v2');
  await openWizard(page);
  // A valid workload name, but a Service's name is a DNS-1035 label: no dots.
  await page.getByLabel('Workload name').fill('web.v2');
  await next(page, 'containers');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill('nginx');
  await next(page, 'access');
  await page.getByLabel('Intranet access').check();
  const name = page.getByLabel('Service name');
  await expect(name).toHaveValue('web.v2');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription("Must not contain '.'.");
  await name.fill('2048-web');
  await expect(name).toHaveAccessibleDescription('Must start with a lowercase letter.');
  await name.fill('web-v2');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await next(page, 'advanced');
  await next(page, 'confirm');
  await expect(page.getByLabel('Manifest')).toContainText('name: web-v2');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  const service = await request.get('/api/v1/namespaces/default/services/web-v2');
  expect(service.status()).toBe(200);
  expect((await service.json()).spec.selector).toEqual({ app: 'web.v2' });
  await removeLeftover(request, deploymentPath('web.v2'));
  await removeLeftover(request, '/api/v1/namespaces/default/services/web-v2');
});
