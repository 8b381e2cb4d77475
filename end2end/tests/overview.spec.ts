import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

test('the overview: workloads by status, pods by phase, restarts, warnings with hints, nodes; live', async ({ page, request }) => {
  expect((await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ov' } } })).status()).toBe(201);
  const deployment = (name: string, image: string) => request.post('/apis/apps/v1/namespaces/ov/deployments', {
    data: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
      spec: {
        replicas: 1, selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'app', image }] } },
      },
    },
  });
  expect((await deployment('ov-web', 'nginx:1.27')).status()).toBe(201);
  await page.goto('/namespaces/ov/overview');
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  const workloads = page.getByRole('region', { name: 'Workloads' });
  await expect(workloads.getByRole('link', { name: 'Deployments' })).toHaveAttribute('href', '/namespaces/ov/deployments');
  await expect(workloads.getByText('Running 1')).toBeVisible({ timeout: 20_000 });
  const pods = page.getByRole('region', { name: 'Pods by phase' });
  await expect(pods.getByRole('list', { name: 'Pods by phase' }).getByRole('listitem').filter({ hasText: 'Running' })).toHaveText('Running: 1');
  await expect(pods).toContainText('No pod restarted in the last hour.');
  const nodes = page.getByRole('region', { name: 'Nodes' }).getByRole('table');
  await expect(nodes.getByRole('row').filter({ has: page.getByRole('rowheader') }).first()).toContainText('%');

  // Live: a crashing pod shows among the restarted, a bad image among the warnings.
  expect((await deployment('ov-crashy', 'team/crashy')).status()).toBe(201);
  expect((await deployment('ov-broken', 'nginx:no-such-tag')).status()).toBe(201);
  await expect(pods.getByRole('link', { name: /^ov-crashy-/ })).toBeVisible({ timeout: 30_000 });
  const warnings = page.getByRole('region', { name: 'Latest warnings' });
  await expect(warnings.getByText(/^Failed to re-pull image: check/).first()).toBeVisible({ timeout: 30_000 });
  await expect(workloads.getByText('Progressing 2')).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await pods.getByRole('link', { name: /^ov-crashy-/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^ov-crashy-/);
});
