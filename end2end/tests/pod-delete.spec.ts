import { test, expect, type Page } from '@playwright/test';
import { podNames, podRows, waitLive } from './helpers';

const detail = '/namespaces/default/deployments/nginx-demo';

async function runningPods(page: Page, count: number) {
  await expect(podRows(page)).toHaveCount(count);
  for (const row of await podRows(page).all()) {
    await expect(row.getByRole('cell').nth(1)).toHaveText('Running');
  }
}

test('a deleted pod is replaced before your eyes, in every open page', async ({ page, context }) => {
  const other = await context.newPage();
  for (const p of [page, other]) {
    await p.goto(detail);
    await waitLive(p);
    await runningPods(p, 3);
    // A marker that a reload would wipe: the pages must update without one.
    await p.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  }
  const before = await podNames(page);
  const victim = before[0];

  await page.getByRole('row', { name: new RegExp(victim) }).getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(victim);
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(dialog).toHaveCount(0);

  for (const p of [page, other]) {
    await expect(p.getByRole('row', { name: new RegExp(victim) })).toHaveCount(0);
    await expect
      .poll(async () => (await podNames(p)).filter((n) => !before.includes(n)).length)
      .toBe(1);
    await runningPods(p, 3);
    expect(await p.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  }
  const after = await podNames(page);
  expect(after).not.toContain(victim);
  expect(await podNames(other)).toEqual(after);
});

test('cancelling the confirmation keeps the pod', async ({ page }) => {
  await page.goto(detail);
  await waitLive(page);
  await runningPods(page, 3);
  const before = await podNames(page);
  await page.getByRole('row', { name: new RegExp(before[1]) }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(podRows(page)).toHaveCount(3);
  expect(await podNames(page)).toEqual(before);
});
