import { test, expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { waitLive } from './helpers';
import { allRunning, deploymentPath, openDetail, podRowsOf, readDeployment, removeLeftover } from './workload';

const apps = '/apis/apps/v1/namespaces/default';

/** Creates a StatefulSet (with `replicas`) or a DaemonSet through the API. */
async function createSet(
  request: APIRequestContext,
  kind: 'StatefulSet' | 'DaemonSet',
  name: string,
  { image = 'nginx:1.25', replicas = 2 }: { image?: string; replicas?: number } = {},
) {
  const labels = { app: name };
  const spec: Record<string, unknown> = {
    selector: { matchLabels: labels },
    template: { metadata: { labels }, spec: { containers: [{ name: 'web', image }] } },
  };
  if (kind === 'StatefulSet') {
    spec.replicas = replicas;
    spec.serviceName = name;
  }
  await removeLeftover(request, `${apps}/${kind.toLowerCase()}s/${name}`);
  const created = await request.post(`${apps}/${kind.toLowerCase()}s`, {
    data: { apiVersion: 'apps/v1', kind, metadata: { name, labels }, spec },
  });
  expect(created.status(), await created.text()).toBe(201);
}

/** Opens a workload's list, follows the link to its page and waits until it is live. */
async function openFromList(page: Page, plural: string, name: string) {
  await page.goto(`/namespaces/default/${plural}`);
  await waitLive(page);
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/default/${plural}/${name}$`));
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await waitLive(page);
}

async function noAxeViolations(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
}

test('a StatefulSet: linked from its list, scaled, upgraded, its revisions compared and rolled back', async ({ page, request }) => {
  await createSet(request, 'StatefulSet', 'kind-sts', { replicas: 2 });
  await openFromList(page, 'statefulsets', 'kind-sts');
  await allRunning(page, 'kind-sts', 2);
  await expect(podRowsOf(page, 'kind-sts').first()).toContainText('kind-sts-0');
  const rollout = page.getByRole('region', { name: 'Rollout' });
  await expect(rollout.getByRole('progressbar', { name: 'Pods of the update revision' })).toHaveAttribute('aria-valuenow', '2');
  await expect(rollout).toContainText('Partition 0');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Scale' }).click();
  const scale = page.getByRole('dialog', { name: 'Scale the workload' });
  await scale.getByLabel('Pods').fill('3');
  await scale.getByRole('button', { name: 'Scale' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Scaled to 3 pods.' })).toBeVisible();
  await allRunning(page, 'kind-sts', 3);

  await page.getByRole('button', { name: 'Upgrade' }).click();
  const upgrade = page.getByRole('dialog', { name: 'Upgrade the workload' });
  await expect(upgrade.getByLabel('Image of web')).toHaveValue('nginx:1.25');
  await upgrade.getByLabel('Image of web').fill('nginx:1.27');
  await upgrade.getByRole('button', { name: 'Upgrade' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Upgrade started.' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: 'nginx:1.27' })).toBeVisible();
  await expect(rollout.getByRole('progressbar', { name: 'Pods of the update revision' })).toHaveAttribute('aria-valuenow', '3', { timeout: 30_000 });

  await page.getByRole('tab', { name: 'Revisions' }).click();
  await expect(page).toHaveURL(/tab=revisions/);
  const current = page.getByRole('row').filter({ hasText: 'Current' });
  await expect(current).toContainText('nginx:1.27');
  await expect(current.getByRole('cell').first()).toHaveText('2');
  const diff = page.getByRole('region', { name: 'Differences' });
  await expect(diff).toContainText('image: nginx:1.25');
  await expect(diff).toContainText('image: nginx:1.27');
  await noAxeViolations(page);

  await page.getByRole('button', { name: 'Roll back to 1' }).click();
  await page.getByRole('dialog', { name: 'Roll back to revision 1?' }).getByRole('button', { name: 'Roll back' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Rolling back to revision 1.' })).toBeVisible();
  // Upstream: the old revision comes back under the next number.
  await expect(current).toContainText('nginx:1.25');
  await expect(current.getByRole('cell').first()).toHaveText('3');
  const set = await (await request.get(`${apps}/statefulsets/kind-sts`)).json();
  expect(set.spec.template.spec.containers[0].image).toBe('nginx:1.25');
});

test('a DaemonSet: one pod per node, no scaling, redeployed and deleted', async ({ page, request }) => {
  await createSet(request, 'DaemonSet', 'kind-ds');
  await openFromList(page, 'daemonsets', 'kind-ds');
  // The demo cluster has three nodes.
  await allRunning(page, 'kind-ds', 3);
  const rollout = page.getByRole('region', { name: 'Rollout' });
  await expect(rollout.getByRole('progressbar', { name: 'Nodes with an available pod' })).toHaveAttribute('aria-valuenow', '3');
  await expect(rollout.getByRole('progressbar', { name: 'Nodes with an available pod' })).toHaveAttribute('aria-valuemax', '3');
  await expect(rollout.getByRole('progressbar', { name: 'Nodes with the updated pod' })).toHaveAttribute('aria-valuenow', '3');
  const actions = page.getByRole('toolbar', { name: 'Workload actions' });
  await expect(actions.getByRole('button', { name: 'Scale' })).toHaveCount(0);
  await expect(actions.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  await expect(actions.getByRole('button', { name: 'Edit weights' })).toHaveCount(0);
  await noAxeViolations(page);

  const before = await podRowsOf(page, 'kind-ds').evaluateAll((rows) => rows.map((r) => (r as HTMLTableRowElement).cells[0]?.textContent?.trim()));
  await page.getByRole('button', { name: 'Redeploy' }).click();
  await page.getByRole('dialog', { name: 'Redeploy kind-ds?' }).getByRole('button', { name: 'Redeploy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Redeploying: every pod is being replaced.' })).toBeVisible();
  const set = await (await request.get(`${apps}/daemonsets/kind-ds`)).json();
  expect(set.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
  // Every pod is replaced, one node at a time.
  await expect
    .poll(async () => {
      const now = await podRowsOf(page, 'kind-ds').evaluateAll((rows) => rows.map((r) => (r as HTMLTableRowElement).cells[0]?.textContent?.trim()));
      return now.length === 3 && now.every((n) => !before.includes(n));
    }, { timeout: 30_000 })
    .toBe(true);

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: 'SuccessfulCreate' }).first()).toBeVisible();
  await noAxeViolations(page);

  await page.getByRole('button', { name: 'Delete workload' }).click();
  await page.getByRole('dialog', { name: 'Delete workload kind-ds?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page).toHaveURL(/\/namespaces\/default\/daemonsets$/);
  await expect.poll(async () => (await request.get(`${apps}/daemonsets/kind-ds`)).status()).toBe(404);
});

// One test per kind: an axe sweep of seven tabs is long enough on its own.
for (const [plural, name, kind] of [['statefulsets', 'kind-tabs', 'StatefulSet'], ['daemonsets', 'kind-tabs-ds', 'DaemonSet']] as const) {
  test(`every tab of a ${kind} page opens and passes axe`, async ({ page, request }) => {
    await createSet(request, kind, name, kind === 'StatefulSet' ? { replicas: 1 } : undefined);
    await page.goto(`/namespaces/default/${plural}/${name}`);
    await waitLive(page);
    await allRunning(page, name, kind === 'StatefulSet' ? 1 : 3);
    for (const tab of ['Events', 'Access', 'Revisions', 'YAML', 'Monitoring', 'Logs', 'Pods']) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      const panel = page.getByRole('tabpanel');
      if (tab === 'YAML') await expect(panel.getByRole('textbox', { name: 'Manifest' })).toHaveValue(new RegExp(`kind: ${kind}`));
      if (tab === 'Revisions') await expect(panel.getByRole('row').filter({ hasText: 'Current' })).toContainText('nginx:1.25');
      if (tab === 'Monitoring') await expect(panel.getByRole('img', { name: new RegExp(`^CPU usage, latest: ${name}-`) })).toBeVisible();
      if (tab === 'Logs') await expect(panel.getByRole('log')).not.toBeEmpty();
      await noAxeViolations(page);
    }
  });
}

/** Creates a Deployment spread over the demo's member clusters by weight. */
async function createWeighted(request: APIRequestContext, name: string, replicas: number) {
  const labels = { app: name };
  const scheduling = { mode: 'Weights', clusters: [{ name: 'east', weight: 1 }, { name: 'west', weight: 1 }] };
  await removeLeftover(request, `${apps}/deployments/${name}`);
  const created = await request.post(`${apps}/deployments`, {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, labels, annotations: { 'berth.dev/replica-scheduling': JSON.stringify(scheduling) } },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.25' }] } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
}

test('multi-cluster weights: pods per cluster, weights edited, checked, and a stale edit refused', async ({ page, request }) => {
  await createWeighted(request, 'kind-weights', 4);
  await openDetail(page, 'kind-weights');
  await allRunning(page, 'kind-weights', 4);
  await expect(page.getByRole('list', { name: 'Conditions' })).toContainText('Available: True');
  const clusters = page.getByRole('region', { name: 'Member clusters' });
  const east = clusters.getByRole('row').filter({ hasText: /^east/ });
  const west = clusters.getByRole('row').filter({ hasText: /^west/ });
  // Cluster, weight, planned pods, running pods.
  await expect(east.getByRole('cell')).toHaveText(['east', '1', '2', '2']);
  await expect(west.getByRole('cell')).toHaveText(['west', '1', '2', '2']);
  await noAxeViolations(page);

  await page.getByRole('button', { name: 'Edit weights' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit member cluster weights' });
  await expect(dialog.getByLabel('Weight of east')).toHaveValue('1');
  // New weights do not move running pods: the dialog says so.
  await expect(dialog).toContainText('Running pods stay where they are until they are replaced');
  await dialog.getByLabel('Weight of east').fill('0');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByLabel('Weight of east')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Must be at least 1.')).toBeVisible();
  await noAxeViolations(page);
  await dialog.getByLabel('Weight of east').fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Member cluster weights saved.' })).toBeVisible();
  await expect(east.getByRole('cell').nth(1)).toHaveText('3');
  await expect(east.getByRole('cell').nth(2)).toHaveText('3');
  await expect(west.getByRole('cell').nth(2)).toHaveText('1');
  const saved = await readDeployment(request, 'kind-weights');
  expect(JSON.parse(saved.metadata.annotations['berth.dev/replica-scheduling'])).toEqual({
    mode: 'Weights',
    clusters: [{ name: 'east', weight: 3 }, { name: 'west', weight: 1 }],
  });

  // Someone else changes the Deployment while the dialog is open: the save is refused.
  await page.getByRole('button', { name: 'Edit weights' }).click();
  await expect(dialog.getByLabel('Weight of west')).toHaveValue('1');
  const other = await request.patch(deploymentPath('kind-weights'), {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: JSON.stringify({ metadata: { labels: { touched: 'yes' } } }),
  });
  expect(other.status(), await other.text()).toBe(200);
  await dialog.getByLabel('Weight of west').fill('2');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Someone else changed this workload' })).toBeVisible();
  const after = await readDeployment(request, 'kind-weights');
  expect(JSON.parse(after.metadata.annotations['berth.dev/replica-scheduling']).clusters[1].weight).toBe(1);
});
