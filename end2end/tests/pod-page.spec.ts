import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createDeployment } from './workload';

async function expectAccessible(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
}

test('a pod\'s page: containers, conditions, owner, events, logs, YAML and Delete', async ({ page, request }) => {
  await createDeployment(request, 'pod-page', { replicas: 1 });
  await page.goto('/namespaces/default/pods');
  const link = page.getByRole('link', { name: /^pod-page-/ });
  await expect(link).toHaveCount(1);
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/default/pods/${name}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  await expect(page.getByRole('main').getByText('Running', { exact: true }).first()).toBeVisible({ timeout: 20_000 });

  const containers = page.getByRole('table', { name: 'Containers' });
  const web = containers.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'web' }) });
  await expect(web).toContainText('nginx:1.25');
  await expect(web).toContainText('Running');
  const conditions = page.getByRole('table', { name: 'Conditions' });
  await expect(conditions.getByRole('rowheader', { name: 'Ready', exact: true })).toBeVisible();
  await expectAccessible(page, 'containers');

  // The owner links to the Deployment behind the ReplicaSet.
  const owner = page.getByRole('link', { name: /^ReplicaSet pod-page-/ });
  await expect(owner).toHaveAttribute('href', '/namespaces/default/deployments/pod-page');

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'Scheduled' })).toHaveCount(1);
  await expectAccessible(page, 'events');

  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('log', { name: 'Logs' })).toContainText('nginx');
  await expectAccessible(page, 'logs');

  await page.getByRole('tab', { name: 'YAML' }).click();
  await expect(page.getByLabel('Manifest')).toContainText('kind: Pod');
  await expect(page.getByLabel('Manifest')).toContainText(`name: ${name}`);
  await expectAccessible(page, 'yaml');

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: `Delete pod ${name}?` }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Pod ${name} was deleted.` })).toBeVisible({ timeout: 30_000 });
  await owner.click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments\/pod-page$/);
});

test('a pod that does not exist says so', async ({ page }) => {
  await page.goto('/namespaces/default/pods/no-such-pod');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('no-such-pod');
  await expect(page.getByRole('alert')).toHaveText('Pod no-such-pod was not found in this namespace.');
});
