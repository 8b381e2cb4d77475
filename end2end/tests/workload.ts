import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { waitLive } from './helpers';

/** The API path of a Deployment in `default`. */
export const deploymentPath = (name: string) => `/apis/apps/v1/namespaces/default/deployments/${name}`;

/** Creates a Deployment (and, with `port`, a Service for it) through the API. */
export async function createDeployment(
  request: APIRequestContext,
  name: string,
  { image = 'nginx:1.25', replicas = 2, port }: { image?: string; replicas?: number; port?: number } = {},
) {
  const labels = { app: name };
  // A retried test finds what its failed attempt made: it starts from nothing again.
  await removeLeftover(request, deploymentPath(name));
  if (port) await removeLeftover(request, `/api/v1/namespaces/default/services/${name}`);
  const created = await request.post('/apis/apps/v1/namespaces/default/deployments', {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  if (port) {
    const service = await request.post('/api/v1/namespaces/default/services', {
      data: {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name },
        spec: { type: 'LoadBalancer', selector: labels, ports: [{ port, targetPort: 80, protocol: 'TCP' }] },
      },
    });
    expect(service.status(), await service.text()).toBe(201);
  }
}

/** Deletes the object at `path` if it exists (a retried test's first attempt made it), and
 * waits until it is gone. */
export async function removeLeftover(request: APIRequestContext, path: string) {
  const deleted = await request.delete(path, { data: { propagationPolicy: 'Foreground' } });
  if (deleted.status() === 404) return;
  await expect.poll(async () => (await request.get(path)).status(), { timeout: 30_000 }).toBe(404);
}

/** Reads a Deployment through the API. */
export async function readDeployment(request: APIRequestContext, name: string) {
  const answer = await request.get(deploymentPath(name));
  expect(answer.status()).toBe(200);
  return answer.json();
}

/** Opens a Deployment's detail page (optionally on a tab) and waits until it is live. */
export async function openDetail(page: Page, name: string, tab?: string) {
  await page.goto(`/namespaces/default/deployments/${name}${tab ? `?tab=${tab}` : ''}`);
  await waitLive(page);
}

/** The pod rows of a Deployment's Pods tab. */
export function podRowsOf(page: Page, name: string) {
  return page.getByRole('tabpanel').getByRole('row').filter({ hasText: new RegExp(`^${name}-`) });
}

/** Waits until every one of `count` pods of `name` is Running. */
export async function allRunning(page: Page, name: string, count: number) {
  await expect(podRowsOf(page, name)).toHaveCount(count);
  for (const row of await podRowsOf(page, name).all()) {
    await expect(row.getByRole('cell').nth(1)).toHaveText('Running');
  }
}
