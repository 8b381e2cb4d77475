import { test, expect, type APIRequestContext, type Page } from '@playwright/test';

const OUT = '../docs/screens';

/** Each page: its file name, its path, and what shows once it has loaded. */
const PAGES: [string, string, (page: Page) => Promise<void>][] = [
  ['overview', '/namespaces/default/overview', async (p) => { await expect(p.getByRole('region', { name: 'Nodes' }).getByRole('row').nth(1)).toBeVisible(); }],
  ['deployments', '/namespaces/default/deployments', async (p) => { await expect(p.getByRole('link', { name: 'nginx-demo', exact: true })).toBeVisible(); }],
  ['deployment', '/namespaces/default/deployments/nginx-demo', async (p) => { await expect(p.getByRole('tabpanel').getByRole('row').nth(3)).toBeVisible(); }],
  ['pods', '/namespaces/default/pods', async (p) => { await expect(p.getByRole('link', { name: /^nginx-demo-/ }).first()).toBeVisible(); }],
  ['wizard', '/workloads/create/basic', async (p) => { await expect(p.getByRole('form', { name: 'Create workload' })).toBeVisible(); }],
  ['jobs', '/namespaces/default/jobs', async (p) => { await expect(p.getByRole('row', { name: /report/ }).getByText('Complete')).toBeVisible({ timeout: 30_000 }); }],
  ['cronjobs', '/namespaces/default/cronjobs', async (p) => { await expect(p.getByRole('row', { name: /nightly/ })).toBeVisible(); }],
  ['cronjob', '/namespaces/default/cronjobs/nightly', async (p) => { await expect(p.getByRole('heading', { level: 2, name: 'Jobs of this CronJob' })).toBeVisible(); }],
  ['services', '/namespaces/default/services', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
  ['events', '/namespaces/default/events', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
  ['namespaces', '/namespaces', async (p) => { await expect(p.getByRole('heading', { level: 1 })).toBeVisible(); }],
];

/** A Job run to completion and a CronJob, so their pages show something. */
async function batch(request: APIRequestContext) {
  const template = (image: string, command?: string[]) => ({
    spec: { restartPolicy: 'Never', containers: [{ name: 'work', image, command }] },
  });
  await request.post('/apis/batch/v1/namespaces/default/jobs', {
    data: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'report' },
      spec: { completions: 3, parallelism: 3, template: template('busybox', ['sh', '-c', 'echo report']) } },
  });
  await request.post('/apis/batch/v1/namespaces/default/cronjobs', {
    data: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' },
      spec: { schedule: '0 3 * * *', timeZone: 'Europe/Berlin', jobTemplate: { spec: { template: template('team/nightly-report') } } } },
  });
}

test('every page, light and dark', async ({ page, request }) => {
  test.setTimeout(300_000);
  await batch(request);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [name, path, loaded] of PAGES) {
      await page.goto(path);
      await loaded(page);
      await expect(page.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible().catch(() => {});
      await page.screenshot({ path: `${OUT}/${name}-${scheme}.png`, fullPage: false });
    }
    // A pod's own page, reached from the list.
    await page.goto('/namespaces/default/pods');
    await page.getByRole('link', { name: /^nginx-demo-/ }).first().click();
    await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
    await page.screenshot({ path: `${OUT}/pod-${scheme}.png` });
  }
});
