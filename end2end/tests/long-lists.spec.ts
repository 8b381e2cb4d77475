import { test, expect, type APIRequestContext } from '@playwright/test';
import { waitLive } from './helpers';

/** Creates an object through the API and expects it created. */
async function post(request: APIRequestContext, path: string, data: object) {
  const answer = await request.post(path, { data });
  expect(answer.status(), await answer.text()).toBe(201);
}

async function namespace(request: APIRequestContext, name: string) {
  await post(request, '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { key: name } });

test('a list longer than one read arrives whole, a chunk at a time, and stays live', async ({ page, request }) => {
  await namespace(request, 'many');
  const names = Array.from({ length: 1100 }, (_, i) => `cm-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < names.length; i += 50) {
    await Promise.all(names.slice(i, i + 50).map((n) => post(request, '/api/v1/namespaces/many/configmaps', configMap(n))));
  }
  // The server renders the page with the first chunk only: the last names are not in it.
  const html = await (await request.get('/namespaces/many/configmaps')).text();
  expect(html).toContain('cm-0000');
  expect(html).not.toContain('cm-1099');

  await page.goto('/namespaces/many/configmaps');
  await waitLive(page);
  await expect(page.getByText('1100 of 1100 ConfigMaps')).toBeVisible();
  await page.getByLabel('Search ConfigMaps').fill('cm-1099');
  await expect(page.getByRole('row').filter({ hasText: 'cm-1099' })).toHaveCount(1);

  // Live after the chunks: the watch starts from the snapshot they were read at.
  await post(request, '/api/v1/namespaces/many/configmaps', configMap('cm-1100'));
  await page.getByLabel('Search ConfigMaps').fill('');
  await expect(page.getByText('1101 of 1101 ConfigMaps')).toBeVisible();
});

test('all namespaces: one pod name in two namespaces is two rows, and Delete takes the right one', async ({ page, request }) => {
  await namespace(request, 'mirror-a');
  await namespace(request, 'mirror-b');
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'twin' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } };
  await post(request, '/api/v1/namespaces/mirror-a/pods', pod);
  await post(request, '/api/v1/namespaces/mirror-b/pods', pod);

  await page.goto('/namespaces/_all/pods');
  await waitLive(page);
  await expect(page.getByRole('columnheader', { name: 'Namespace' })).toBeVisible();
  await page.getByLabel('Search pods').fill('twin');
  const twins = page.getByRole('row').filter({ hasText: /^twin/ });
  await expect(twins).toHaveCount(2);
  await expect(twins.nth(0)).toContainText('mirror-a');
  await expect(twins.nth(1)).toContainText('mirror-b');

  await twins.filter({ hasText: 'mirror-b' }).getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(twins).toHaveCount(1);
  await expect(twins).toContainText('mirror-a');
  await expect.poll(async () => (await request.get('/api/v1/namespaces/mirror-b/pods/twin')).status()).toBe(404);
  expect((await request.get('/api/v1/namespaces/mirror-a/pods/twin')).status()).toBe(200);
});
