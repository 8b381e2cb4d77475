import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';

/** axe-core's violations on the page, named for the failure message. */
async function violations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${what}: ${v.id} ${v.nodes.map((n) => n.target).join(' ')}`);
}

// Each test scans several pages with axe, a few seconds each.
test.describe.configure({ timeout: 120_000 });

const PAGES = [
  '/namespaces/default/deployments',
  '/namespaces/default/deployments/nginx-demo',
  '/namespaces/default/pods',
  '/namespaces/_all/pods',
  '/namespaces/default/events',
  '/namespaces/default/services',
  '/images',
  '/workloads/create/basic',
];

/** Waits until `path` is hydrated: its live list says `live`, or (the image catalog and
 *  the wizard, which watch nothing) its form or table is there. */
async function ready(page: Page, path: string, live = 'Live') {
  if (path === '/images' || path.startsWith('/workloads/create')) {
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForLoadState('networkidle');
  } else {
    await expect(page.getByRole('status').first()).toHaveText(live);
  }
}

test('every action dialog of a workload passes axe', async ({ page }) => {
  await page.goto('/namespaces/default/deployments/nginx-demo');
  await waitLive(page);
  const found: string[] = [];
  for (const [button, dialog] of [
    ['Scale', 'Scale the workload'],
    ['Upgrade', 'Upgrade the workload'],
    ['Redeploy', 'Redeploy nginx-demo?'],
    ['Delete workload', 'Delete workload nginx-demo?'],
  ]) {
    await page.getByRole('button', { name: button, exact: true }).click();
    const open = page.getByRole('dialog', { name: dialog });
    await expect(open).toBeVisible();
    found.push(...(await violations(page, dialog)));
    await open.getByRole('button', { name: 'Cancel' }).click();
    await expect(open).toHaveCount(0);
  }
  expect(found).toEqual([]);
});

test('the dark theme passes axe on every list and the detail page', async ({ page }) => {
  const found: string[] = [];
  await page.goto(PAGES[0]);
  await waitLive(page);
  await page.getByLabel('Theme').selectOption({ label: 'Dark' });
  for (const path of PAGES) {
    await page.goto(path);
    await ready(page, path);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    found.push(...(await violations(page, `dark ${path}`)));
  }
  expect(found).toEqual([]);
});

for (const [language, live] of [
  ['zh-CN', '实时'],
  ['ru', 'В реальном времени'],
]) {
  test(`in ${language} every list and the detail page pass axe`, async ({ page }) => {
    await page.goto(PAGES[0]);
    await waitLive(page);
    await page.getByLabel('Language').selectOption(language);
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await ready(page, path, live);
      found.push(...(await violations(page, `${language} ${path}`)));
    }
    expect(found).toEqual([]);
  });
}

for (const width of [1280, 1024]) {
  test(`a ${width}-pixel laptop screen shows every page without sideways scrolling`, async ({ page }) => {
    await page.setViewportSize({ width, height: 720 });
    const overflowing: string[] = [];
    for (const path of [...PAGES, '/workloads/create/containers']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) overflowing.push(`${path}: ${wide}px too wide`);
      await expect(page.getByRole('navigation').first()).toBeVisible();
    }
    expect(overflowing).toEqual([]);
  });
}
