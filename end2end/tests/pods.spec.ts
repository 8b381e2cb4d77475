import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';

test('the pod list searches, filters by status and sorts by column, live', async ({ page, request }) => {
  const listed = async () => (await (await request.get('/api/v1/namespaces/default/pods')).json()).items;
  const total = (await listed()).length;
  await page.goto('/namespaces/default/pods');
  await waitLive(page);
  const rows = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(page.getByText(`${total} of ${total} pods`, { exact: true })).toBeVisible();

  // Sorting by name, then the same header again for descending.
  const names = () => rows.evaluateAll((rs) => rs.map((r) => (r as HTMLTableRowElement).cells[0].textContent!.trim()));
  const nameHeader = page.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  const ascending = await names();
  expect([...ascending].sort()).toEqual(ascending);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await names()).toEqual([...ascending].reverse());
  await page.getByRole('columnheader', { name: 'Node' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Node' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');

  // Search by node.
  const pods = await listed();
  const node = pods[0].spec.nodeName as string;
  const onNode = pods.filter((p: { spec: { nodeName: string } }) => p.spec.nodeName === node).length;
  await page.getByLabel('Search pods').fill(node);
  await expect(page.getByText(`${onNode} of ${total} pods`, { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(onNode);
  await page.getByLabel('Search pods').fill('');

  // A new workload's pods appear live; the status filter keeps only ready ones.
  await page.getByLabel('Status').selectOption({ label: 'Running and ready' });
  await request.post('/apis/apps/v1/namespaces/default/deployments', {
    data: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cache' },
      spec: {
        replicas: 2, selector: { matchLabels: { app: 'cache' } },
        template: { metadata: { labels: { app: 'cache' } }, spec: { containers: [{ name: 'redis', image: 'redis:7.4' }] } },
      },
    },
  });
  await expect(page.getByText(`${total + 2} of ${total + 2} pods`, { exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: /^cache-/ })).toHaveCount(2);

  // Each row names its image; a search finds pods by it, and the column sorts.
  await page.getByLabel('Status').selectOption({ label: 'All' });
  await expect(rows.filter({ hasText: /^cache-/ }).first().getByRole('cell').nth(4)).toHaveText('redis:7.4');
  await page.getByLabel('Search pods').fill('redis:7.4');
  await expect(page.getByText(`2 of ${total + 2} pods`, { exact: true })).toBeVisible();
  await page.getByLabel('Search pods').fill('');
  const imageHeader = page.getByRole('columnheader', { name: 'Image' });
  await imageHeader.getByRole('button').click();
  await expect(imageHeader).toHaveAttribute('aria-sort', 'ascending');
  const images = await rows.evaluateAll((rs) => rs.map((r) => (r as HTMLTableRowElement).cells[4].textContent!.trim()));
  expect([...images].sort()).toEqual(images);
  // The view is in the URL: a reload shows the same sort.
  await expect(page).toHaveURL(/[?&]sort=image(&|$)/);
  await page.reload();
  await waitLive(page);
  await expect(page.getByRole('columnheader', { name: 'Image' })).toHaveAttribute('aria-sort', 'ascending');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('a pod row changes in place: its status and restarts update, and keyboard focus stays', async ({ page, request }) => {
  // A namespace of its own, so that a crash-looping pod disturbs no other test.
  await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'in-place' } } });
  await request.post('/apis/apps/v1/namespaces/in-place/deployments', {
    data: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'crashy' },
      spec: {
        replicas: 1, selector: { matchLabels: { app: 'crashy' } },
        template: { metadata: { labels: { app: 'crashy' } }, spec: { containers: [{ name: 'app', image: 'team/crashy' }] } },
      },
    },
  });
  await page.goto('/namespaces/in-place/pods');
  await waitLive(page);
  const row = page.getByRole('table').getByRole('row').filter({ hasText: /^crashy-/ });
  await expect(row).toHaveCount(1);
  const remove = row.getByRole('button', { name: 'Delete' });
  await remove.focus();
  // The image crashes five seconds after it starts: the row counts the restart and
  // says why, and the button someone is on keeps their focus through every change.
  await expect(row.getByRole('cell').nth(3)).not.toHaveText('0', { timeout: 30_000 });
  await expect(row.getByRole('cell').nth(1)).toHaveText(/Error|CrashLoopBackOff|Running/);
  await expect(remove).toBeFocused();
});
