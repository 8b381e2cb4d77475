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

test('a watch too old to resume (410 Expired) reads the whole list again, and nothing is stale', async ({ page, request }) => {
  let cut = true;
  let refused = false;
  let listsBeforeRefusal = 0;
  const lists: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/v1\/namespaces\/default\/pods\?/.test(r.url()) && !/[?&]watch=true/.test(r.url())) lists.push(r.url());
  });
  await page.routeWebSocket(SOCKET, (socket) => {
    if (cut) {
      socket.close();
      return;
    }
    const server = socket.connectToServer();
    socket.onMessage((message) => {
      const ask = JSON.parse(message as string);
      // The page's first ask to resume its pods' watch is answered as an API whose
      // history no longer reaches that far would.
      if (!refused && typeof ask.watch === 'string' && ask.watch.includes('/pods?')) {
        refused = true;
        listsBeforeRefusal = lists.length;
        const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Expired', code: 410, message: 'too old resource version' };
        socket.send(JSON.stringify({ id: ask.id, status: 410, body: JSON.stringify(status) }));
        return;
      }
      server.send(message);
    });
  });
  await page.goto('/namespaces/default/pods');
  await expect(page.getByRole('status').first()).toHaveText('Reconnecting…');
  await expect(podRows(page)).toHaveCount(3);
  const before = await podNames(page);
  const deleted = await request.delete(`/api/v1/namespaces/default/pods/${before[0]}`);
  expect(deleted.ok()).toBe(true);

  cut = false;
  await waitLive(page);
  await expect.poll(() => refused).toBe(true);
  // The page read the list again, and shows what the API holds.
  await expect.poll(() => lists.length).toBeGreaterThan(listsBeforeRefusal);
  await expect(page.getByRole('row', { name: new RegExp(before[0]) })).toHaveCount(0);
  const held = async () =>
    ((await (await request.get('/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx-demo')).json()).items as { metadata: { name: string } }[])
      .map((p) => p.metadata.name)
      .sort();
  await expect.poll(async () => (await podNames(page)).sort()).toEqual(await held());
});
