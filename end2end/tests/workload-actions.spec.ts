import { test, expect } from '@playwright/test';
import { allRunning, createDeployment, deploymentPath, openDetail, podRowsOf, readDeployment } from './workload';

test('scale: the new count is checked, sent, and seen live in a second page', async ({ page, context, request }) => {
  await createDeployment(request, 'act-scale');
  const other = await context.newPage();
  await openDetail(other, 'act-scale');
  await openDetail(page, 'act-scale');
  await allRunning(page, 'act-scale', 2);

  await page.getByRole('button', { name: 'Scale' }).click();
  const dialog = page.getByRole('dialog', { name: 'Scale the workload' });
  await dialog.getByLabel('Pods').fill('-1');
  await dialog.getByRole('button', { name: 'Scale' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Must be at least 0.');
  await expect(dialog.getByLabel('Pods')).toHaveAttribute('aria-invalid', 'true');

  await dialog.getByLabel('Pods').fill('4');
  await dialog.getByRole('button', { name: 'Scale' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Scaled to 4 pods.' })).toBeVisible();
  expect((await readDeployment(request, 'act-scale')).spec.replicas).toBe(4);
  await allRunning(page, 'act-scale', 4);
  await allRunning(other, 'act-scale', 4);
});

test('upgrade, watch the rollout, compare revisions and roll back', async ({ page, request }) => {
  await createDeployment(request, 'act-upgrade', { image: 'nginx:1.25', replicas: 3 });
  await openDetail(page, 'act-upgrade');
  await allRunning(page, 'act-upgrade', 3);

  await page.getByRole('button', { name: 'Upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade the workload' });
  const image = dialog.getByLabel('Image of web');
  await expect(image).toHaveValue('nginx:1.25');
  await image.fill('');
  await dialog.getByRole('button', { name: 'Upgrade' }).click();
  await expect(image).toHaveAttribute('aria-invalid', 'true');
  await image.fill('nginx:1.27');
  await dialog.getByRole('button', { name: 'Upgrade' }).click();
  await expect(dialog).toHaveCount(0);

  // The rollout shows while it runs, then the new revision owns every pod.
  await expect(page.getByRole('region', { name: 'Rollout' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'New pods created (revision 2)' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rollout' })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('definition').filter({ hasText: 'nginx:1.27' })).toBeVisible();

  await page.getByRole('tab', { name: 'Revisions' }).click();
  await expect(page).toHaveURL(/tab=revisions/);
  await expect(page.getByRole('tab', { name: 'Revisions' })).toHaveAttribute('aria-selected', 'true');
  const diff = page.getByRole('region', { name: 'Differences' });
  await expect(diff).toContainText('- ');
  await expect(diff).toContainText('image: nginx:1.25');
  await expect(diff).toContainText('+ ');
  await expect(diff).toContainText('image: nginx:1.27');

  await page.getByRole('button', { name: 'Roll back to 1' }).click();
  await page.getByRole('dialog', { name: 'Roll back to revision 1?' }).getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rolling back to revision 1.' })).toBeVisible();
  // Upstream: the old ReplicaSet becomes current again under the next revision number.
  await expect(page.getByRole('row').filter({ hasText: 'Current' })).toContainText('nginx:1.25');
  await expect(page.getByRole('row').filter({ hasText: 'Current' }).getByRole('cell').first()).toHaveText('3');
  const rolled = await readDeployment(request, 'act-upgrade');
  expect(rolled.spec.template.spec.containers[0].image).toBe('nginx:1.25');
});

test('pause and resume a rollout', async ({ page, request }) => {
  await createDeployment(request, 'act-pause');
  await openDetail(page, 'act-pause');
  await allRunning(page, 'act-pause', 2);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  expect((await readDeployment(request, 'act-pause')).spec.paused).toBe(true);
  await expect(page.getByRole('region', { name: 'Rollout' })).toContainText('The rollout is paused');
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  expect((await readDeployment(request, 'act-pause')).spec.paused).toBe(false);
});

test('redeploy replaces every pod', async ({ page, request }) => {
  await createDeployment(request, 'act-redeploy');
  await openDetail(page, 'act-redeploy');
  await allRunning(page, 'act-redeploy', 2);
  const before = await podRowsOf(page, 'act-redeploy').evaluateAll((rows) =>
    rows.map((r) => (r as HTMLTableRowElement).cells[0].textContent ?? ''),
  );
  await page.getByRole('button', { name: 'Redeploy' }).click();
  await page.getByRole('dialog', { name: 'Redeploy act-redeploy?' }).getByRole('button', { name: 'Redeploy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Redeploying' })).toBeVisible();
  for (const name of before) {
    await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0, { timeout: 30_000 });
  }
  await allRunning(page, 'act-redeploy', 2);
  const stamped = await readDeployment(request, 'act-redeploy');
  expect(stamped.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
});

test('an upgrade can switch to a replace rollout; rolling limits are checked at their fields', async ({ page, request }) => {
  await createDeployment(request, 'act-replace', { image: 'nginx:1.25', replicas: 2 });
  await openDetail(page, 'act-replace');
  await allRunning(page, 'act-replace', 2);
  await page.getByRole('button', { name: 'Upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade the workload' });
  const strategy = dialog.getByLabel('Upgrade strategy');
  const chosen = () => strategy.evaluate((s) => (s as HTMLSelectElement).selectedOptions[0].text);
  await expect.poll(chosen).toBe('Rolling upgrade');
  await expect(dialog.getByLabel('Max surge')).toHaveValue('25%');

  // Both limits at zero would never let a pod go: the dialog says so at the field.
  await dialog.getByLabel('Max surge').fill('0');
  await dialog.getByLabel('Max unavailable').fill('0');
  await dialog.getByRole('button', { name: 'Upgrade' }).click();
  await expect(dialog.getByLabel('Max unavailable')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Cannot be 0 when max surge is 0.')).toBeVisible();
  expect((await readDeployment(request, 'act-replace')).spec.strategy.rollingUpdate.maxSurge).toBe('25%');

  // Replace: the limits go, and the rollout stops the old pods before starting new ones.
  await strategy.selectOption({ label: 'Replace upgrade' });
  await expect(dialog.getByLabel('Max surge')).toHaveCount(0);
  await dialog.getByLabel('Image of web').fill('nginx:1.27');
  await dialog.getByRole('button', { name: 'Upgrade' }).click();
  await expect(dialog).toHaveCount(0);
  const upgraded = await readDeployment(request, 'act-replace');
  expect(upgraded.spec.strategy).toEqual({ type: 'Recreate' });
  expect(upgraded.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  await expect(page.getByText('Replace: all old pods stop before new ones start.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Rollout' })).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByRole('definition').filter({ hasText: 'nginx:1.27' })).toBeVisible();
});

test('a stale upgrade is refused and said so, never written over the newer change', async ({ page, request }) => {
  await createDeployment(request, 'act-stale');
  await openDetail(page, 'act-stale');
  await page.getByRole('button', { name: 'Upgrade' }).click();
  const dialog = page.getByRole('dialog', { name: 'Upgrade the workload' });
  await expect(dialog.getByLabel('Image of web')).toHaveValue('nginx:1.25');
  // Someone else changes the workload meanwhile.
  const patched = await request.patch(deploymentPath('act-stale'), {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } },
  });
  expect(patched.status()).toBe(200);
  await dialog.getByLabel('Image of web').fill('nginx:1.27');
  await dialog.getByRole('button', { name: 'Upgrade' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Someone else changed this workload');
  expect((await readDeployment(request, 'act-stale')).spec.template.spec.containers[0].image).toBe('nginx:1.26');
});

test('deleting the workload leaves the page, and a second page says it is gone', async ({ page, context, request }) => {
  await createDeployment(request, 'act-delete');
  const other = await context.newPage();
  await openDetail(other, 'act-delete');
  await openDetail(page, 'act-delete');
  await page.getByRole('button', { name: 'Delete workload' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete workload act-delete?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/deployments$/);
  await expect(page.getByRole('link', { name: 'act-delete' })).toHaveCount(0);
  await expect(other.getByRole('alert')).toContainText('This workload has been deleted.');
  expect((await request.get(deploymentPath('act-delete'))).status()).toBe(404);
});

test('a stuck rollout: its new pod is created but the bars say it is not ready', async ({ page, request }) => {
  await createDeployment(request, 'act-stuck', { replicas: 1 });
  await openDetail(page, 'act-stuck');
  await allRunning(page, 'act-stuck', 1);
  const patched = await request.patch(deploymentPath('act-stuck'), {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:no-such-tag' }] } } } },
  });
  expect(patched.status()).toBe(200);
  const rollout = page.getByRole('region', { name: 'Rollout' });
  await expect(rollout.getByRole('progressbar', { name: 'New pods created (revision 2)' })).toHaveAttribute('aria-valuenow', '1', { timeout: 20_000 });
  await expect(rollout.getByRole('progressbar', { name: 'New pods ready' })).toHaveAttribute('aria-valuenow', '0');
  await expect(rollout.getByRole('progressbar', { name: 'New pods available' })).toHaveAttribute('aria-valuenow', '0');
  await expect(rollout.getByRole('progressbar', { name: 'Old pods' })).toHaveAttribute('aria-valuenow', '1');
});
