import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openWizard, next } from './helpers';

test('pod settings: replica scheduling, storage, hooks, security, time zone, logs and scheduling rules reach the API', async ({ page, request }) => {
  await request.post('/api/v1/namespaces/default/configmaps', {
    data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop-conf' }, data: { 'app.ini': 'x=1' } },
  });
  await openWizard(page);
  await page.getByLabel('Workload name').fill('shop-api');
  await page.getByLabel('Replica scheduling').selectOption({ label: 'Specify weights' });
  const east = page.getByRole('group', { name: 'Member cluster 1' });
  await east.getByRole('combobox', { name: 'Cluster', exact: true }).selectOption('east');
  await east.getByLabel('Weight').fill('0');
  await east.getByLabel('Weight').blur();
  await expect(east.getByText('Must be at least 1.')).toBeVisible();
  await east.getByLabel('Weight').fill('2');
  await page.getByRole('button', { name: 'Add cluster' }).click();
  const west = page.getByRole('group', { name: 'Member cluster 2' });
  await west.getByLabel('Cluster', { exact: true }).selectOption('west');
  await west.getByLabel('Weight').fill('1');
  await page.getByLabel('Pods').fill('3');
  await next(page, 'containers');

  const main = page.getByRole('group', { name: 'Container 1' });
  await main.getByLabel('Image', { exact: true }).fill('nginx');
  await main.getByLabel('Post-start hook').selectOption({ label: 'Command' });
  await main.getByRole('group', { name: 'Post-start hook' }).getByLabel('Hook command').fill('sh\n-c\necho up');
  await main.getByLabel('Pre-stop hook').selectOption({ label: 'HTTP GET' });
  const preStop = main.getByRole('group', { name: 'Pre-stop hook' });
  await preStop.getByLabel('Path').fill('/drain');
  await preStop.getByLabel('Port').fill('80');

  await main.getByRole('button', { name: 'Add volume' }).click();
  const disk = main.getByRole('group', { name: 'Volume 1' });
  await disk.getByLabel('Volume type').selectOption({ label: 'Disk' });
  await disk.getByLabel('Disk type').selectOption('disk-sas');
  await disk.getByLabel('Volume name').fill('data');
  await disk.getByLabel('Capacity').fill('20Gi');
  await disk.getByLabel('Mount path').fill('/data');
  await main.getByRole('button', { name: 'Add volume' }).click();
  const conf = main.getByRole('group', { name: 'Volume 2' });
  await conf.getByLabel('Volume type').selectOption({ label: 'ConfigMap' });
  await expect(conf.getByLabel('Capacity')).toHaveCount(0);
  await conf.getByLabel('Volume name').fill('conf');
  await conf.getByLabel('ConfigMap name').fill('shop-conf');
  await conf.getByLabel('Mount path').fill('/etc/shop');

  const security = main.getByRole('group', { name: 'Container security context' });
  await security.getByLabel('Run as user').fill('1000');
  await security.getByLabel('Run as non-root').check();
  await security.getByLabel('Read-only root file system').check();
  await main.getByLabel('Sync host time zone').check();

  await main.getByLabel('Collect standard output').check();
  await main.getByRole('button', { name: 'Add log path' }).click();
  const logs = main.getByRole('group', { name: 'Log path 1' });
  await logs.getByLabel('Log path', { exact: true }).fill('var/log/shop');
  await logs.getByLabel('Log storage').fill('2Gi');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/containers$/);
  await expect(logs.getByText('Must be an absolute path, starting with /.')).toBeVisible();
  await expect(logs.getByLabel('Log path', { exact: true })).toBeFocused();
  await logs.getByLabel('Log path', { exact: true }).fill('/var/log/shop');
  await next(page, 'access');
  await next(page, 'advanced');

  const podSecurity = page.getByRole('group', { name: 'Pod security context' });
  await podSecurity.getByLabel('FS group').fill('2000');
  await page.getByLabel('Pod placement').selectOption({ label: 'Decentralized: each pod on its own node' });
  await page.getByRole('button', { name: 'Add node rule' }).click();
  const rule = page.getByRole('group', { name: 'Node rule 1' });
  await rule.getByLabel('Label key').fill('berth.dev/cluster');
  await rule.getByLabel('Operator').selectOption('In');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(/\/advanced$/);
  await expect(rule.getByText('Required.')).toBeVisible();
  await rule.getByLabel('Label values').fill('east, west');
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  await expect(page.getByRole('row', { name: /shop-api/ })).toBeVisible();

  const d = await (await request.get('/apis/apps/v1/namespaces/default/deployments/shop-api')).json();
  expect(d.spec.replicas).toBe(3);
  expect(JSON.parse(d.metadata.annotations['berth.dev/replica-scheduling'])).toEqual({
    mode: 'Weights',
    clusters: [{ name: 'east', weight: 2 }, { name: 'west', weight: 1 }],
  });
  const pod = d.spec.template.spec;
  const c = pod.containers[0];
  expect(c.lifecycle).toEqual({
    postStart: { exec: { command: ['sh', '-c', 'echo up'] } },
    preStop: { httpGet: { path: '/drain', port: 80 } },
  });
  expect(c.securityContext).toEqual({ runAsUser: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true });
  expect(c.volumeMounts).toEqual([
    { name: 'data', mountPath: '/data' },
    { name: 'conf', mountPath: '/etc/shop' },
    { name: 'host-time-zone', mountPath: '/etc/localtime', readOnly: true },
  ]);
  expect(pod.volumes).toEqual([
    {
      name: 'data',
      ephemeral: { volumeClaimTemplate: { spec: {
        accessModes: ['ReadWriteOnce'], storageClassName: 'disk-sas', resources: { requests: { storage: '20Gi' } },
      } } },
    },
    { name: 'conf', configMap: { name: 'shop-conf' } },
    { name: 'host-time-zone', hostPath: { path: '/etc/localtime' } },
  ]);
  expect(JSON.parse(d.spec.template.metadata.annotations['logs.berth.dev/nginx'])).toEqual({
    stdout: true,
    paths: [{ path: '/var/log/shop', size: '2Gi' }],
  });
  expect(pod.securityContext).toEqual({ fsGroup: 2000 });
  expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([
    { labelSelector: { matchLabels: { app: 'shop-api' } }, topologyKey: 'kubernetes.io/hostname' },
  ]);
  expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
    { matchExpressions: [{ key: 'berth.dev/cluster', operator: 'In', values: ['east', 'west'] }] },
  ]);
});

test('specifying replicas per cluster sets the pod count to their sum', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Replica scheduling').selectOption({ label: 'Specify replicas' });
  await expect(page.getByLabel('Pods')).toHaveCount(0);
  const first = page.getByRole('group', { name: 'Member cluster 1' });
  await first.getByRole('combobox', { name: 'Cluster', exact: true }).selectOption('east');
  await first.getByLabel('Cluster replicas').fill('2');
  await page.getByRole('button', { name: 'Add cluster' }).click();
  const second = page.getByRole('group', { name: 'Member cluster 2' });
  await second.getByLabel('Cluster', { exact: true }).selectOption('west');
  await second.getByLabel('Cluster replicas').fill('3');
  await expect(page.getByText("Pods: 5 (the clusters' replicas added up)")).toBeVisible();
  // The member clusters the nodes belong to are offered, not typed.
  await expect(first.getByLabel('Cluster', { exact: true }).getByRole('option')).toHaveText(['Choose a member cluster', 'east', 'west']);
});

test('the pod settings pass an axe scan with every group open', async ({ page }) => {
  await openWizard(page);
  await page.getByLabel('Replica scheduling').selectOption({ label: 'Specify weights' });
  await page.getByRole('group', { name: 'Member cluster 1' }).getByRole('combobox', { name: 'Cluster', exact: true }).selectOption('east');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await page.getByLabel('Workload name').fill('axe-pods');
  await next(page, 'containers');
  const main = page.getByRole('group', { name: 'Container 1' });
  await main.getByLabel('Image', { exact: true }).fill('nginx');
  await main.getByLabel('Post-start hook').selectOption({ label: 'HTTP GET' });
  await main.getByRole('group', { name: 'Post-start hook' }).getByLabel('Port').fill('80');
  await main.getByRole('button', { name: 'Add log path' }).click();
  await main.getByRole('button', { name: 'Add volume' }).click();
  await main.getByRole('group', { name: 'Volume 1' }).getByLabel('Volume type').selectOption({ label: 'High-speed file storage' });
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await next(page, 'access');
  await next(page, 'advanced');
  await page.getByRole('button', { name: 'Add node rule' }).click();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
