import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';

test('the console opens on the overview; the Deployment list has nginx-demo Running 3/3', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/namespaces\/default\/overview$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deployments' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();
  await expect(page.getByLabel('Namespace')).toHaveValue('default');
  const row = page.getByRole('row', { name: /nginx-demo/ });
  await expect(row.getByRole('cell').nth(1)).toHaveText('Running');
  await expect(row.getByRole('cell').nth(2)).toHaveText('3/3');
  await expect(row.getByRole('cell').nth(3)).toHaveText('nginx:1.27');
  await waitLive(page);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('a workload name opens its detail page with its pods', async ({ page }) => {
  await page.goto('/namespaces/default/deployments');
  await waitLive(page);
  await page.getByRole('link', { name: 'nginx-demo' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments\/nginx-demo$/);
  await expect(page.getByRole('heading', { level: 1, name: 'nginx-demo' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Pods' })).toHaveAttribute('aria-selected', 'true');
  for (const header of ['Name', 'Status', 'Ready', 'Restarts', 'Image', 'Age', 'Node', 'Pod IP']) {
    await expect(page.getByRole('columnheader', { name: header, exact: true })).toBeVisible();
  }
});

test('an unknown workload says so', async ({ page }) => {
  await page.goto('/namespaces/default/deployments/no-such-thing');
  await expect(page.getByRole('alert')).toContainText('no-such-thing');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('the workload list searches, filters by status, sorts, counts and deletes, live', async ({ page, request }) => {
  const ns = 'workload-list';
  await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  const deployments = `/apis/apps/v1/namespaces/${ns}/deployments`;
  const create = async (name: string, image: string, replicas: number) => {
    const labels = { app: name };
    const created = await request.post(deployments, {
      data: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name, labels },
        spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image }] } } },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
  };
  await create('web', 'nginx:1.27', 2);
  await create('cache', 'redis:7.4', 0);

  await page.goto(`/namespaces/${ns}/deployments`);
  await waitLive(page);
  const rows = page.getByRole('table').getByRole('row').filter({ has: page.getByRole('cell') });
  await expect(page.getByText('2 of 2 workloads', { exact: true })).toBeVisible();
  const web = rows.filter({ hasText: 'web' });
  await expect(web.getByRole('cell').nth(1)).toHaveText('Running');
  await expect(rows.filter({ hasText: 'cache' }).getByRole('cell').nth(1)).toHaveText('Stopped');

  // The search looks in images too.
  await page.getByLabel('Search workloads').fill('redis');
  await expect(page.getByText('1 of 2 workloads', { exact: true })).toBeVisible();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('cache');
  await page.getByLabel('Search workloads').fill('');

  // The status filter.
  await page.getByLabel('Status').selectOption({ label: 'Stopped' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('cache');
  await expect(page).toHaveURL(/[?&]status=stopped(&|$)/);
  await page.getByLabel('Status').selectOption({ label: 'All' });
  await expect(rows).toHaveCount(2);

  // Sorting by Pods: fewest first, then the other way.
  const pods = page.getByRole('columnheader', { name: 'Pods' });
  await pods.getByRole('button').click();
  await expect(pods).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows.first()).toContainText('cache');
  await pods.getByRole('button').click();
  await expect(pods).toHaveAttribute('aria-sort', 'descending');
  await expect(rows.first()).toContainText('web');

  // A change made elsewhere shows in its row.
  const scaled = await request.patch(`${deployments}/web`, {
    headers: { 'Content-Type': 'application/merge-patch+json' },
    data: { spec: { replicas: 3 } },
  });
  expect(scaled.ok()).toBe(true);
  await expect(web.getByRole('cell').nth(2)).toHaveText('3/3');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  // Delete asks first, then the workload is gone from the list and from the API.
  await rows.filter({ hasText: 'cache' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete workload cache?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('1 of 1 workloads', { exact: true })).toBeVisible();
  await expect.poll(async () => (await request.get(`${deployments}/cache`)).status()).toBe(404);
});

test('a workload list as someone sees it is a link: search, status and sort come from the URL', async ({ page, request }) => {
  // The server's HTML already shows the search.
  const html = await (await request.get('/namespaces/default/deployments?q=NGINX')).text();
  expect(html).toMatch(/<input[^>]*value="NGINX"/);
  await page.goto('/namespaces/default/deployments?q=NGINX&sort=pods&desc=1&status=running');
  await waitLive(page);
  await expect(page.getByLabel('Search workloads')).toHaveValue('NGINX');
  const chosen = () => page.getByLabel('Status').evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].text);
  await expect.poll(chosen).toBe('Running');
  await expect(page.getByRole('columnheader', { name: 'Pods' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('row', { name: /nginx-demo/ })).toBeVisible();
  // Changing the view changes the link, in place of the history entry; typing keeps
  // the focus (the page is not drawn again).
  const search = page.getByLabel('Search workloads');
  await search.fill('');
  await search.pressSequentially('ngi');
  await expect(page).toHaveURL(/[?&]q=ngi(&|$)/);
  await expect(search).toBeFocused();
  await expect(search).toHaveValue('ngi');
  await search.fill('');
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments\?status=running$/);
});
