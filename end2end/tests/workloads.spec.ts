import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';

test('the console opens on the Deployment list, with nginx-demo Running 3/3', async ({ page }) => {
  await page.goto('/');
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
