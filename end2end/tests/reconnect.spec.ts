import { test, expect } from '@playwright/test';
import { podNames, podRows, waitLive } from './helpers';

test('a list whose watch is cut off says so, then catches up from where it was', async ({ page, request }) => {
  const watches = /[?&]watch=true/;
  await page.route(watches, (route) => route.abort());
  await page.goto('/namespaces/default/deployments/nginx-demo');
  await expect(page.getByRole('status').first()).toHaveText('Reconnecting…');
  await expect(podRows(page)).toHaveCount(3);
  const before = await podNames(page);

  // Meanwhile someone else deletes a pod: the page can't know yet.
  const deleted = await request.delete(`/api/v1/namespaces/default/pods/${before[0]}`);
  expect(deleted.ok()).toBe(true);
  await expect(page.getByRole('row', { name: new RegExp(before[0]) })).toHaveCount(1);

  await page.unroute(watches);
  await waitLive(page);
  await expect(page.getByRole('row', { name: new RegExp(before[0]) })).toHaveCount(0);
  await expect.poll(async () => (await podNames(page)).filter((n) => !before.includes(n)).length).toBe(1);
  await expect(podRows(page)).toHaveCount(3);
});
