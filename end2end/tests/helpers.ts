import { expect, type Page } from '@playwright/test';

/** Waits until the page is hydrated and its live list's watch is open. */
export async function waitLive(page: Page) {
  await expect(page.getByRole('status').first()).toHaveText('Live');
}

/** The rows of the pod table (the header row excluded). */
export function podRows(page: Page) {
  return page.getByRole('table').getByRole('row').filter({ hasText: /nginx-demo-/ });
}

/** The names in the pod table's first column. */
export async function podNames(page: Page): Promise<string[]> {
  const names = await podRows(page).evaluateAll((rows) =>
    rows.map((r) => (r as HTMLTableRowElement).cells[0]?.textContent?.trim() ?? ''),
  );
  return names.filter((n) => n.length > 0);
}
