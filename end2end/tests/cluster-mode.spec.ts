import { test, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { ports } from '../cluster-mode';
import { waitLive } from './helpers';
import { removeLeftover } from './workload';

// Run by the `cluster-mode` project, against a Berth in cluster mode (see
// playwright.config.ts): its default context `cluster` is another Berth, `flaky` one
// that these tests start and stop, and `embedded` its own engine.
const port = ports(Number(process.env.BERTH_TEST_PORT ?? 3107));
const root = path.join(__dirname, '..', '..');

/** Starts a Berth with the embedded engine on the `flaky` context's port. */
async function startFlaky(): Promise<ChildProcess> {
  const child = spawn(process.env.BERTH_BIN ?? 'target/debug/berth', [], {
    cwd: root,
    stdio: 'ignore',
    env: {
      ...process.env,
      KUBECONFIG: '',
      BERTH_AUTH: 'none',
      LEPTOS_SITE_ADDR: `127.0.0.1:${port.flaky}`,
      LEPTOS_SITE_ROOT: 'target/site',
      RUST_LOG: 'warn',
    },
  });
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port.flaky}/version`)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000 },
    )
    .toBe(200);
  return child;
}

async function stop(child: ChildProcess) {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
}

const deploymentRow = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

test('cluster mode: the switcher offers every context and the embedded engine, and each keeps its own rows', async ({ page, request }) => {
  await removeLeftover(request, '/c/embedded/apis/apps/v1/namespaces/default/deployments/only-embedded');
  const created = await request.post('/c/embedded/apis/apps/v1/namespaces/default/deployments', {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'only-embedded' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'only-embedded' } },
        template: { metadata: { labels: { app: 'only-embedded' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);

  await page.goto('/namespaces/default/deployments');
  await waitLive(page);
  const switcher = page.getByLabel('Cluster');
  await expect(switcher).toHaveValue('cluster');
  await expect(switcher.getByRole('option')).toHaveText(['cluster', 'flaky', 'embedded']);
  await expect(deploymentRow(page, 'nginx-demo')).toBeVisible();
  await expect(deploymentRow(page, 'only-embedded')).toHaveCount(0);

  await switcher.selectOption('embedded');
  await expect(page).toHaveURL(/\/c\/embedded\/namespaces\/default\/deployments$/);
  await waitLive(page);
  await expect(page.getByLabel('Cluster')).toHaveValue('embedded');
  await expect(deploymentRow(page, 'only-embedded')).toBeVisible();
  // Links stay in the cluster the page shows.
  await page.getByRole('link', { name: 'only-embedded', exact: true }).click();
  await expect(page).toHaveURL(/\/c\/embedded\/namespaces\/default\/deployments\/only-embedded$/);
  await page.getByRole('link', { name: 'Pods', exact: true }).click();
  await expect(page).toHaveURL(/\/c\/embedded\/namespaces\/default\/pods$/);
  await waitLive(page);
  await expect(page.getByRole('row').filter({ hasText: /only-embedded-/ })).toHaveCount(1);

  await page.getByLabel('Cluster').selectOption('cluster');
  await expect(page).toHaveURL(/\/c\/cluster\/namespaces\/default\/pods$/);
  await waitLive(page);
  await expect(page.getByRole('row').filter({ hasText: /nginx-demo-/ }).first()).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: /only-embedded-/ })).toHaveCount(0);
});

test('cluster mode: a link to a cluster Berth does not serve is a 404 page naming the ones it does', async ({ page }) => {
  const response = await page.goto('/c/atlantis/namespaces/default/deployments');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Unknown cluster' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'cluster', exact: true })).toBeVisible();
  const api = await page.request.get('/c/atlantis/api/v1/namespaces');
  expect(api.status()).toBe(404);
  expect((await api.json()).kind).toBe('Status');
});

test('cluster mode: an unreachable cluster shows a banner, and the console recovers by itself when it returns', async ({ page }) => {
  test.setTimeout(180_000);
  const banner = page.getByRole('alert').filter({ hasText: 'Cluster unreachable — retrying' });
  await page.goto('/c/flaky/namespaces/default/deployments');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('flaky');

  let flaky = await startFlaky();
  try {
    // The page reads everything again on its own once the cluster answers.
    await expect(deploymentRow(page, 'nginx-demo')).toBeVisible({ timeout: 30_000 });
    await waitLive(page);
    await expect(banner).toHaveCount(0);

    await stop(flaky);
    await expect(banner).toBeVisible({ timeout: 30_000 });
    flaky = await startFlaky();
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    await waitLive(page);
    await expect(deploymentRow(page, 'nginx-demo')).toBeVisible();
  } finally {
    await stop(flaky);
  }
});
