import { test, expect } from '@playwright/test';
import { waitLive } from './helpers';

// A long list shows a page of 100 rows at a time, live.
test('a pod list longer than a page is paged, and stays live', async ({ page, request }) => {
  const ns = 'paging';
  expect((await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } })).ok()).toBe(true);
  const labels = { app: 'many' };
  const created = await request.post(`/apis/apps/v1/namespaces/${ns}/deployments`, {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'many' },
      spec: { replicas: 120, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'busybox:1.36' }] } } },
    },
  });
  expect(created.status()).toBe(201);

  await page.goto(`/namespaces/${ns}/pods`);
  await waitLive(page);
  await expect(page.getByText('120 of 120 pods')).toBeVisible();
  const pages = page.getByRole('navigation', { name: 'Pods: pages' });
  await expect(pages.getByRole('status')).toHaveText('1–100 of 120');
  const rows = page.getByRole('table').getByRole('row').filter({ hasText: /^many-/ });
  await expect(rows).toHaveCount(100);
  await expect(pages.getByRole('button', { name: 'Previous page' })).toBeDisabled();

  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(pages.getByRole('status')).toHaveText('101–120 of 120');
  await expect(rows).toHaveCount(20);
  await expect(pages.getByRole('button', { name: 'Next page' })).toBeDisabled();

  // Scaled down under the page being read: the page shrinks with the list, live.
  const scaled = await request.patch(`/apis/apps/v1/namespaces/${ns}/deployments/many`, {
    headers: { 'Content-Type': 'application/merge-patch+json' },
    data: { spec: { replicas: 105 } },
  });
  expect(scaled.ok()).toBe(true);
  await expect(page.getByText('105 of 105 pods')).toBeVisible();
  await expect(pages.getByRole('status')).toHaveText('101–105 of 105');

  // A search starts again from the first page.
  await page.getByLabel('Search pods').fill('many-');
  await expect(pages.getByRole('status')).toHaveText('1–100 of 105');

  expect((await request.delete(`/api/v1/namespaces/${ns}`)).ok()).toBe(true);
});

// Every list is the one shared table, so any of them pages as the pod list does.
test('a ConfigMap list longer than a page is paged too', async ({ page, request }) => {
  const ns = 'paging-config';
  expect((await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } })).ok()).toBe(true);
  for (let i = 0; i < 101; i++) {
    const name = `settings-${String(i).padStart(3, '0')}`;
    const made = await request.post(`/api/v1/namespaces/${ns}/configmaps`, {
      data: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { key: 'value' } },
    });
    expect(made.status()).toBe(201);
  }
  await page.goto(`/namespaces/${ns}/configmaps`);
  await waitLive(page);
  const pages = page.getByRole('navigation', { name: 'ConfigMaps: pages' });
  await expect(pages.getByRole('status')).toHaveText('1–100 of 101');
  await pages.getByRole('button', { name: 'Next page' }).click();
  await expect(pages.getByRole('status')).toHaveText('101–101 of 101');
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'settings-100' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'settings-000' })).toHaveCount(0);

  expect((await request.delete(`/api/v1/namespaces/${ns}`)).ok()).toBe(true);
});

test('the theme can be chosen, and the choice is kept', async ({ page }) => {
  await page.goto('/namespaces/default/pods');
  await waitLive(page);
  const theme = page.getByLabel('Theme');
  await expect(theme).toHaveValue('system');
  await theme.selectOption({ label: 'Dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const dark = await background();
  await theme.selectOption({ label: 'Light' });
  await expect.poll(background).not.toBe(dark);
  await theme.selectOption({ label: 'Dark' });
  await page.reload();
  await waitLive(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expect.poll(background).toBe(dark);
  await page.getByLabel('Theme').selectOption({ label: 'As the system' });
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
});
