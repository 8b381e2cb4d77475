import { test, expect } from '@playwright/test';
import { podNames, podRows, waitLive } from './helpers';

// A page's watches all travel on one WebSocket (`/berth/watch`).
const SOCKET = /\/berth\/watch$/;

test('a list whose connection is cut off says so, then catches up from where it was', async ({ page, request }) => {
  // While `cut`, every socket the page opens is closed at once, as a dropped network would.
  let cut = true;
  await page.routeWebSocket(SOCKET, (socket) => {
    if (cut) {
      socket.close();
    } else {
      socket.connectToServer();
    }
  });
  await page.goto('/namespaces/default/deployments/nginx-demo');
  await expect(page.getByRole('status').first()).toHaveText('Reconnecting…');
  await expect(podRows(page)).toHaveCount(3);
  const before = await podNames(page);

  // Meanwhile someone else deletes a pod: the page can't know yet.
  const deleted = await request.delete(`/api/v1/namespaces/default/pods/${before[0]}`);
  expect(deleted.ok()).toBe(true);
  await expect(page.getByRole('row', { name: new RegExp(before[0]) })).toHaveCount(1);

  cut = false;
  await waitLive(page);
  await expect(page.getByRole('row', { name: new RegExp(before[0]) })).toHaveCount(0);
  await expect.poll(async () => (await podNames(page)).filter((n) => !before.includes(n)).length).toBe(1);
  await expect(podRows(page)).toHaveCount(3);
});

test('a page keeps all its live lists on one connection, whatever tabs it opens', async ({ page }) => {
  const sockets: string[] = [];
  const streamed: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  page.on('request', (r) => {
    if (/[?&]watch=true/.test(r.url())) streamed.push(r.url());
  });
  await page.goto('/namespaces/default/deployments/nginx-demo');
  await waitLive(page);
  for (const tab of ['Events', 'Access', 'Revisions', 'Pods']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
  }
  await page.getByRole('link', { name: 'Pods', exact: true }).click();
  await waitLive(page);
  expect(sockets).toHaveLength(1);
  expect(streamed).toEqual([]);
});
