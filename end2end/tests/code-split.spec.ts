import { test, expect } from '@playwright/test';
import { waitLive } from './helpers';

// The large pages are lazy routes: their code is WASM chunks of their own, fetched
// when such a page is first opened (the WASM split by tools/assemble-site).

test("a list downloads none of the wizard's code; the wizard's comes when it is opened, and works", async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.wasm')) wasm.push(new URL(r.url()).pathname);
  });
  await page.goto('/namespaces/default/deployments');
  await waitLive(page);
  expect(wasm.some((p) => p.endsWith('/berth.wasm'))).toBe(true);
  expect(wasm.filter((p) => p.includes('create_workload'))).toEqual([]);

  await page.getByRole('link', { name: 'Create workload' }).click();
  const form = page.getByRole('form', { name: 'Create workload' });
  await expect(form).toBeVisible();
  expect(wasm.some((p) => p.includes('create_workload'))).toBe(true);
  const name = form.getByLabel('Workload name');
  await name.fill('Web');
  await name.blur();
  await expect(name).toHaveAccessibleDescription("Use only lowercase letters, digits, '-' and '.'.");
});

test("a large page opened directly names its own chunks for preloading, and is hydrated", async ({ page, request }) => {
  const path = '/namespaces/default/deployments/nginx-demo';
  const html = await (await request.get(path)).text();
  const preloads = (html.match(/<link [^>]*rel="preload"[^>]*>/g) ?? []).join('\n');
  expect(preloads).toMatch(/href="\/pkg\/[0-9a-f]{16}\/split___deployment_detail_view_\d+\.wasm"/);
  expect(html).not.toMatch(/split___create_workload/);

  await page.goto(path);
  await waitLive(page);
  await page.getByRole('button', { name: 'Scale', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Scale the workload' })).toBeVisible();
});
