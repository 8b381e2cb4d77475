import { test, expect, type Page } from '@playwright/test';
import { openWizard, next } from './helpers';

/** Fills Basic info for a workload of `kind` and gives its container `image`. */
async function startKind(page: Page, kind: string, name: string, image = 'nginx') {
  await openWizard(page);
  await page.getByLabel('Workload type').selectOption({ label: kind });
  await page.getByLabel('Workload name').fill(name);
}

test('a StatefulSet from the wizard: partition, parallel pods, its own list, Running', async ({ page, request }) => {
  await startKind(page, 'StatefulSet (stateful)', 'ledger');
  await page.getByLabel('Pods').fill('3');
  await next(page, 'containers');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill('redis');
  await next(page, 'access');
  await next(page, 'advanced');
  // A StatefulSet updates by ordinal: no surge, a partition and a pod management policy.
  await expect(page.getByLabel('Max surge')).toHaveCount(0);
  await expect(page.getByLabel('Upgrade strategy').locator('option')).toHaveText(['Rolling upgrade', 'Update on deletion']);
  await page.getByLabel('Partition').fill('-1');
  await page.getByLabel('Partition').blur();
  await expect(page.getByText('Must be at least 0.')).toBeVisible();
  await page.getByLabel('Partition').fill('1');
  await page.getByLabel('Pod management').selectOption({ label: 'Parallel: all at once' });
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(page).toHaveURL(/\/namespaces\/default\/statefulsets$/);
  const row = page.getByRole('row', { name: /ledger/ });
  await expect(row.getByText('Running')).toBeVisible();
  await expect(row.getByRole('cell', { name: '3/3' })).toBeVisible();

  const set = await (await request.get('/apis/apps/v1/namespaces/default/statefulsets/ledger')).json();
  expect(set.spec.serviceName).toBe('ledger');
  expect(set.spec.podManagementPolicy).toBe('Parallel');
  expect(set.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 1 } });
  const pods = await (await request.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dledger')).json();
  expect(pods.items.map((p: { metadata: { name: string } }) => p.metadata.name).sort()).toEqual(['ledger-0', 'ledger-1', 'ledger-2']);
});

test('a DaemonSet from the wizard: no pod count, update on deletion, one pod per node', async ({ page, request }) => {
  await startKind(page, 'DaemonSet (one pod per node)', 'log-agent');
  await expect(page.getByLabel('Pods')).toHaveCount(0);
  await next(page, 'containers');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill('busybox');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Command').fill('sleep\n3600');
  await next(page, 'access');
  await next(page, 'advanced');
  await expect(page.getByLabel('Max unavailable')).toHaveValue('20%');
  await page.getByLabel('Upgrade strategy').selectOption({ label: 'Update on deletion' });
  await expect(page.getByLabel('Max unavailable')).toHaveCount(0);
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();

  await expect(page).toHaveURL(/\/namespaces\/default\/daemonsets$/);
  // General-purpose pods run on the nodes of their pod type (the demo's GPU nodes run GPU pods only).
  const items: { metadata: { labels?: Record<string, string> } }[] = (await (await request.get('/api/v1/nodes')).json()).items;
  const nodes = items.filter((n) => (n.metadata.labels?.['berth.dev/pod-type'] ?? 'general') === 'general').length;
  const row = page.getByRole('row', { name: /log-agent/ });
  await expect(row.getByText('Running')).toBeVisible();
  await expect(row.getByRole('cell', { name: `${nodes}/${nodes}` })).toBeVisible();

  const ds = await (await request.get('/apis/apps/v1/namespaces/default/daemonsets/log-agent')).json();
  expect(ds.spec.replicas).toBeUndefined();
  expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
  expect(ds.status.desiredNumberScheduled).toBe(nodes);
});

test('the navigation lists each kind of workload', async ({ page }) => {
  await page.goto('/namespaces/default/deployments');
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'StatefulSets' }).click();
  await expect(page.getByRole('heading', { name: 'StatefulSets' })).toBeVisible();
  await nav.getByRole('link', { name: 'DaemonSets' }).click();
  await expect(page.getByRole('heading', { name: 'DaemonSets' })).toBeVisible();
  await nav.getByRole('link', { name: 'Deployments' }).click();
  await expect(page.getByRole('heading', { name: 'Deployments' })).toBeVisible();
});
