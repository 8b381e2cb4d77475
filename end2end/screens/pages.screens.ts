import { test, expect, type Page } from '@playwright/test';

const OUT = '../docs/screens';

/** Each page: its file name, its path, and what shows once it has loaded. */
const PAGES: [string, string, (page: Page) => Promise<void>][] = [
  ['overview', '/namespaces/default/overview', async (p) => { await expect(p.getByRole('region', { name: 'Nodes' }).getByRole('row').nth(1)).toBeVisible(); }],
  ['deployments', '/namespaces/default/deployments', async (p) => { await expect(p.getByRole('link', { name: 'nginx-demo', exact: true })).toBeVisible(); }],
  ['deployment', '/namespaces/default/deployments/nginx-demo', async (p) => { await expect(p.getByRole('tabpanel').getByRole('row').nth(3)).toBeVisible(); }],
  ['pods', '/namespaces/default/pods', async (p) => { await expect(p.getByRole('link', { name: /^nginx-demo-/ }).first()).toBeVisible(); }],
  ['wizard', '/workloads/create/basic', async (p) => { await expect(p.getByRole('form', { name: 'Create workload' })).toBeVisible(); }],
  ['services', '/namespaces/default/services', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
  ['events', '/namespaces/default/events', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
  ['namespaces', '/namespaces', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
];

test('every page, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, path, loaded] of PAGES) {
      await page.goto(path);
      await loaded(page);
      await expect(page.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible().catch(() => {});
      await page.screenshot({ path: `${OUT}/${name}-${scheme}.png`, fullPage: false });
    }
    // A pod's own page, reached from the list.
    await page.goto('/namespaces/default/pods');
    await page.getByRole('link', { name: /^nginx-demo-/ }).first().click();
    await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/pod-${scheme}.png` });
  }
});
