import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { allRunning, createDeployment, openDetail } from './workload';

test('Monitoring: CPU and memory per pod, as charts that name their latest values and a table', async ({ page, request }) => {
  await createDeployment(request, 'mon-web', { replicas: 2 });
  await openDetail(page, 'mon-web');
  await allRunning(page, 'mon-web', 2);
  await page.getByRole('tab', { name: 'Monitoring' }).click();
  await expect(page).toHaveURL(/tab=monitoring/);
  await expect(page.getByRole('tab', { name: 'Monitoring' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');

  const usage = panel.getByRole('table', { name: 'Current usage per pod' });
  const rows = usage.getByRole('row').filter({ hasText: /^mon-web-/ });
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) {
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d+m$|^\d+\.\d\d$/);
    await expect(row.getByRole('cell').nth(2)).toHaveText(/^\d+(\.\d)? (B|KiB|MiB|GiB)$/);
  }
  // Each chart is one image whose name carries the latest value of every pod.
  const cpu = panel.getByRole('img', { name: /^CPU usage, latest: / });
  const memory = panel.getByRole('img', { name: /^Memory usage, latest: / });
  await expect(cpu).toBeVisible();
  await expect(memory).toBeVisible();
  const names = await rows.evaluateAll((r) => r.map((row) => (row as HTMLTableRowElement).cells[0]?.textContent?.trim() ?? ''));
  for (const name of names) {
    await expect(cpu).toHaveAttribute('aria-label', new RegExp(`${name} \\d+m`));
    await expect(memory).toHaveAttribute('aria-label', new RegExp(`${name} \\d+(\\.\\d)? (B|KiB|MiB|GiB)`));
  }
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('Monitoring: a new pod of a scaled workload joins the charts and the table', async ({ page, request }) => {
  // Usage is read once per 15 s window: two readings may pass before each change shows.
  test.setTimeout(180_000);
  await createDeployment(request, 'mon-scale', { replicas: 1 });
  await openDetail(page, 'mon-scale', 'monitoring');
  const rows = page.getByRole('table', { name: 'Current usage per pod' }).getByRole('row').filter({ hasText: /^mon-scale-/ });
  // The pod may not run yet at the tab's first reading: the next comes a window (15 s) later.
  await expect(rows).toHaveCount(1, { timeout: 60_000 });
  const scaled = await request.patch('/apis/apps/v1/namespaces/default/deployments/mon-scale', {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: JSON.stringify({ spec: { replicas: 2 } }),
  });
  expect(scaled.status()).toBe(200);
  // The tab reads usage again every window (15 s): the new pod appears without a reload.
  await expect(rows).toHaveCount(2, { timeout: 60_000 });
});

test('Monitoring: the charts open with the last minutes already drawn', async ({ page, request }) => {
  // nginx-demo has run since the server started; once its pods have run three windows
  // (45 s), the server's history holds three readings, which fill the charts at once,
  // before the tab's own second reading (15 s after its first).
  test.setTimeout(240_000);
  const oldest = async () => {
    const pods = (await (await request.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx-demo')).json()).items;
    return Math.max(...pods.map((p: { metadata: { creationTimestamp: string } }) => Date.now() - Date.parse(p.metadata.creationTimestamp)));
  };
  await expect.poll(oldest, { timeout: 120_000 }).toBeGreaterThan(50_000);
  await page.goto('/namespaces/default/deployments/nginx-demo?tab=monitoring');
  const cpu = page.getByRole('tabpanel').getByRole('img', { name: /^CPU usage, latest: / });
  await expect(cpu).toHaveAttribute('aria-label', /; ([3-9]|\d\d+) readings$/);
  await expect(page.getByRole('tabpanel').getByText('now', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('tabpanel').getByText('5 min ago').first()).toBeVisible();
});

test('Monitoring: the endpoint failing says so', async ({ page, request }) => {
  await createDeployment(request, 'mon-down', { replicas: 1 });
  await page.route('**/apis/metrics.k8s.io/**', (route) => route.fulfill({ status: 503, body: 'down' }));
  await openDetail(page, 'mon-down', 'monitoring');
  await expect(page.getByRole('tabpanel').getByRole('alert')).toContainText('Usage is not available');
});

test('Monitoring: a cluster that serves no metrics API says so', async ({ page, request }) => {
  await createDeployment(request, 'mon-none', { replicas: 1 });
  await page.route('**/apis/metrics.k8s.io/**', (route) =>
    route.fulfill({ status: 404, contentType: 'application/json', body: '{"kind":"Status","code":404,"reason":"NotFound","message":"the server could not find the requested resource"}' }),
  );
  await openDetail(page, 'mon-none', 'monitoring');
  await expect(page.getByRole('tabpanel').getByRole('alert')).toContainText('Metrics are not available on this cluster');
});
