import { expect, type Page } from '@playwright/test';

/** Waits until the page is hydrated and its live list's watch is open: a page's first
 * open (its server render, the WASM and a lazy page's chunks, the watch) is the slowest
 * step of a test, so it has three times the usual wait before a busy machine fails it. */
export async function waitLive(page: Page) {
  await expect(page.getByRole('status').first()).toHaveText('Live', { timeout: 30_000 });
}

/** The rows of the pod table (the header row excluded). */
export function podRows(page: Page) {
  return page.getByRole('table').getByRole('row').filter({ hasText: /nginx-demo-/ });
}

/** The names in the pod table's first column (its first link: the pod's page). */
export async function podNames(page: Page): Promise<string[]> {
  const names = await podRows(page).evaluateAll((rows) =>
    rows.map((r) => (r as HTMLTableRowElement).cells[0]?.querySelector('a')?.textContent?.trim() ?? ''),
  );
  return names.filter((n) => n.length > 0);
}

/** Opens a wizard step and waits until the page is hydrated. */
export async function openWizard(page: Page, step = 'basic') {
  await page.goto(`/workloads/create/${step}`);
  await expect(page.getByRole('form', { name: 'Create workload' })).not.toHaveAttribute('aria-busy', 'true');
}

/** Presses Next and waits for `step`. */
export async function next(page: Page, step: string) {
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page).toHaveURL(new RegExp(`/workloads/create/${step}$`));
}

/** Names the workload, gives its one container `image`, and walks to Advanced settings. */
export async function throughToAdvanced(page: Page, name: string, image = 'nginx') {
  await openWizard(page);
  await page.getByLabel('Workload name').fill(name);
  await next(page, 'containers');
  await page.getByRole('group', { name: 'Container 1' }).getByLabel('Image', { exact: true }).fill(image);
  await next(page, 'access');
  await next(page, 'advanced');
}
