import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import { openWizard, next } from './helpers';

/** The namespace these tests run their Jobs in, apart from the other tests' pods. */
const NS = 'batch';

async function namespace(request: APIRequestContext) {
  const created = await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } } });
  expect([201, 409]).toContain(created.status());
}

/** A retried test finds what its first attempt made: it starts from nothing again. */
async function remove(request: APIRequestContext, path: string) {
  const deleted = await request.delete(path, { data: { propagationPolicy: 'Foreground' } });
  if (deleted.status() === 404) return;
  await expect.poll(async () => (await request.get(path)).status(), { timeout: 30_000 }).toBe(404);
}

/** Basic info for a batch workload of `kind` named `name` in the test's namespace. */
async function startBatch(page: Page, kind: string, name: string) {
  await openWizard(page);
  await page.getByLabel('Workload type').selectOption({ label: kind });
  await page.getByLabel('Workload name').fill(name);
  await page.getByRole('form', { name: 'Create workload' }).getByLabel('Namespace').selectOption(NS);
  // A Job has no pod count; its Run card says how many must succeed.
  await expect(page.getByLabel('Pods', { exact: true })).toHaveCount(0);
}

/** Gives the one container busybox running `command` (one word per line), and submits. */
async function containerAndSubmit(page: Page, command: string) {
  await next(page, 'containers');
  const container = page.getByRole('group', { name: 'Container 1' });
  await container.getByLabel('Image', { exact: true }).fill('busybox');
  await container.getByLabel('Command').fill(command);
  await next(page, 'access');
  await next(page, 'advanced');
  // A Job's pods are not upgraded: no strategy to choose.
  await expect(page.getByLabel('Upgrade strategy')).toHaveCount(0);
  await next(page, 'confirm');
  await expect(page.getByRole('status')).toHaveText('The server accepts this workload.');
  await page.getByRole('button', { name: 'Submit' }).click();
}

test('a Job from the wizard runs its completions; its list and its page show them live', async ({ page, request }) => {
  await namespace(request);
  await remove(request, `/apis/batch/v1/namespaces/${NS}/jobs/report`);
  await startBatch(page, 'Job (runs to completion)', 'report');
  await page.getByLabel('Completions').fill('2');
  await page.getByLabel('Parallelism').fill('2');
  await page.getByLabel('Retries (backoff limit)').fill('-1');
  await page.getByLabel('Retries (backoff limit)').blur();
  await expect(page.getByText('Must be at least 0.')).toBeVisible();
  await page.getByLabel('Retries (backoff limit)').fill('3');
  await containerAndSubmit(page, 'sh\n-c\necho report written');

  await expect(page).toHaveURL(new RegExp(`/namespaces/${NS}/jobs$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  const row = page.getByRole('row', { name: /report/ });
  await expect(row.getByText('Complete')).toBeVisible({ timeout: 30_000 });
  await expect(row.getByRole('cell', { name: '2/2' })).toBeVisible();

  await row.getByRole('link', { name: 'report' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'report' })).toBeVisible();
  await expect(page.getByText('Complete', { exact: true })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^2\/2$/ })).toBeVisible();
  const pods = page.getByRole('row', { name: /^report-/ });
  await expect(pods).toHaveCount(2);
  await expect(pods.first().getByText('Completed')).toBeVisible();

  const job = await (await request.get(`/apis/batch/v1/namespaces/${NS}/jobs/report`)).json();
  expect(job.spec.template.spec.restartPolicy).toBe('Never');
  expect([job.spec.completions, job.spec.parallelism, job.spec.backoffLimit]).toEqual([2, 2, 3]);
  expect(job.status.succeeded).toBe(2);
});

test('a CronJob from the wizard: its schedule checked at the field, Run now, Suspend and Resume', async ({ page, request }) => {
  await namespace(request);
  await remove(request, `/apis/batch/v1/namespaces/${NS}/cronjobs/nightly`);
  await startBatch(page, 'CronJob (runs on a schedule)', 'nightly');
  const schedule = page.getByLabel('Schedule (cron)');
  await schedule.fill('every day');
  await schedule.blur();
  await expect(page.getByText('expected exactly 5 fields, found 2: [every day]')).toBeVisible();
  await schedule.fill('0 3 * * *');
  await page.getByLabel('When a run is due while the last still runs').selectOption({ label: 'Skip the new run (Forbid)' });
  await containerAndSubmit(page, 'echo\nnightly report');

  await expect(page).toHaveURL(new RegExp(`/namespaces/${NS}/cronjobs$`));
  const row = page.getByRole('row', { name: /nightly/ });
  await expect(row.getByText('0 3 * * *')).toBeVisible();
  await expect(row.getByText('Scheduled')).toBeVisible();
  await expect(row.getByRole('cell', { name: 'never' })).toBeVisible();

  await row.getByRole('button', { name: 'Run nightly now' }).click();
  await expect(page.getByText(/^Started Job nightly-manual-[a-z0-9]{5}\.$/)).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main navigation' });
  await nav.getByRole('link', { name: 'Jobs', exact: true }).click();
  const run = page.getByRole('row', { name: /nightly-manual-/ });
  await expect(run.getByText('Complete')).toBeVisible({ timeout: 30_000 });

  await nav.getByRole('link', { name: 'CronJobs', exact: true }).click();
  await page.getByRole('button', { name: 'Suspend nightly' }).click();
  await expect(row.getByText('Suspended')).toBeVisible();
  await expect.poll(async () => (await (await request.get(`/apis/batch/v1/namespaces/${NS}/cronjobs/nightly`)).json()).spec.suspend).toBe(true);
  await page.getByRole('button', { name: 'Resume nightly' }).click();
  await expect(row.getByText('Scheduled')).toBeVisible();

  const cron = await (await request.get(`/apis/batch/v1/namespaces/${NS}/cronjobs/nightly`)).json();
  expect(cron.spec.concurrencyPolicy).toBe('Forbid');
  expect(cron.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  const jobs = await (await request.get(`/apis/batch/v1/namespaces/${NS}/jobs`)).json();
  const manual = jobs.items.find((j: { metadata: { name: string } }) => j.metadata.name.startsWith('nightly-manual-'));
  expect(manual.metadata.ownerReferences[0]).toMatchObject({ kind: 'CronJob', name: 'nightly', controller: true });
});

test("a CronJob's page: its schedule, Run now and Suspend there, and only the Jobs it started", async ({ page, request }) => {
  await namespace(request);
  const cronJobs = `/apis/batch/v1/namespaces/${NS}/cronjobs`;
  const jobs = `/apis/batch/v1/namespaces/${NS}/jobs`;
  await remove(request, `${cronJobs}/weekly`);
  await remove(request, `${jobs}/loose`);
  const template = { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['echo', 'weekly'] }] } };
  expect((await request.post(cronJobs, { data: {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'weekly' },
    spec: { schedule: '0 4 * * 1', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Replace', jobTemplate: { spec: { template } } },
  } })).status()).toBe(201);
  // A Job of the same namespace that the CronJob did not start.
  expect((await request.post(jobs, { data: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'loose' }, spec: { template } } })).status()).toBe(201);

  await page.goto(`/namespaces/${NS}/cronjobs`);
  await page.getByRole('row', { name: /weekly/ }).getByRole('link', { name: 'weekly' }).click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/${NS}/cronjobs/weekly$`));
  await expect(page.getByRole('heading', { level: 1, name: 'weekly' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^0 4 \* \* 1$/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^Europe\/Berlin$/ })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^Replace$/ })).toBeVisible();
  await expect(page.getByText('Scheduled', { exact: true })).toBeVisible();
  const runs = page.getByRole('table', { name: 'Jobs' });
  await expect(runs.getByText('No Jobs.')).toBeVisible();

  await page.getByRole('button', { name: 'Run weekly now' }).click();
  await expect(page.getByText(/^Started Job weekly-manual-[a-z0-9]{5}\.$/)).toBeVisible();
  const run = runs.getByRole('row', { name: /weekly-manual-/ });
  await expect(run.getByText('Complete')).toBeVisible({ timeout: 30_000 });
  await expect(runs.getByRole('row', { name: /loose/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Suspend weekly' }).click();
  await expect(page.getByText('Suspended', { exact: true })).toBeVisible();
  await expect.poll(async () => (await (await request.get(`${cronJobs}/weekly`)).json()).spec.suspend).toBe(true);
  await page.getByRole('button', { name: 'Resume weekly' }).click();
  await expect(page.getByText('Scheduled', { exact: true })).toBeVisible();

  await run.getByRole('link', { name: /weekly-manual-/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^weekly-manual-/ })).toBeVisible();
});
