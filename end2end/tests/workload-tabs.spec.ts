import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { allRunning, createDeployment, deploymentPath, openDetail, readDeployment, removeLeftover } from './workload';

test('Events: an image that cannot be pulled shows its events with the hint', async ({ page, request }, info) => {
  // Events outlive their Deployment, so a retry's Deployment has a name of its own.
  const name = `tab-events-${info.retry}-${info.repeatEachIndex}`;
  await createDeployment(request, name, { image: 'nginx:no-such-tag', replicas: 1 });
  await openDetail(page, name, 'events');
  await expect(page.getByRole('tab', { name: 'Events' })).toHaveAttribute('aria-selected', 'true');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByRole('row').filter({ hasText: 'ScalingReplicaSet' })).toHaveCount(1);
  await expect(panel.getByRole('row').filter({ hasText: 'Pulling' }).first()).toBeVisible();
  await expect(panel.getByText(/^Failed to re-pull image: check/).first()).toBeVisible({ timeout: 20_000 });
});

test('Access: the addresses, and only ready pods receive requests', async ({ page, request }) => {
  await createDeployment(request, 'tab-access', { replicas: 2, port: 8080 });
  await openDetail(page, 'tab-access');
  await allRunning(page, 'tab-access', 2);
  await page.getByRole('tab', { name: 'Access' }).click();
  const panel = page.getByRole('tabpanel');
  const row = panel.getByRole('row').filter({ hasText: 'tab-access' });
  await expect(row).toContainText('Internet access');
  await expect(row).toContainText(/10\.96\.\d+\.\d+:8080/);
  await expect(row).toContainText(/203\.0\.113\.\d+:8080/);
  await expect(panel.getByRole('list', { name: 'Pods receiving requests' }).getByRole('listitem')).toHaveCount(2);
});

test('YAML: the live manifest, an edit saved, and a stale edit refused', async ({ page, request }) => {
  await createDeployment(request, 'tab-yaml', { replicas: 1 });
  await openDetail(page, 'tab-yaml', 'yaml');
  const manifest = page.getByRole('textbox', { name: 'Manifest' });
  await expect(manifest).toHaveValue(/name: tab-yaml/);
  await expect(manifest).toHaveValue(/replicas: 1/);

  await page.getByRole('button', { name: 'Edit YAML' }).click();
  const editor = page.getByRole('textbox', { name: 'YAML' });
  // Typing keeps the editor (and its caret): a rebuilt editor would lose the focus.
  await editor.focus();
  await editor.press('Control+End');
  await editor.pressSequentially('# typed');
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(/# typed$/);
  await editor.fill((await editor.inputValue()).replace('replicas: 1', 'replicas: 2'));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect((await readDeployment(request, 'tab-yaml')).spec.replicas).toBe(2);
  await expect(page.getByRole('textbox', { name: 'Manifest' })).toHaveValue(/replicas: 2/);

  await page.getByRole('button', { name: 'Edit YAML' }).click();
  await expect(editor).toHaveValue(/replicas: 2/);
  const patched = await request.patch(deploymentPath('tab-yaml'), {
    headers: { 'content-type': 'application/merge-patch+json' },
    data: { spec: { replicas: 3 } },
  });
  expect(patched.status()).toBe(200);
  await editor.fill((await editor.inputValue()).replace('replicas: 2', 'replicas: 5'));
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Someone else changed this workload' })).toBeVisible();
  expect((await readDeployment(request, 'tab-yaml')).spec.replicas).toBe(3);
});

test('Logs: a container\'s output, and every tab passes axe', async ({ page, request }) => {
  await createDeployment(request, 'tab-logs', { replicas: 1, port: 80 });
  await openDetail(page, 'tab-logs');
  await allRunning(page, 'tab-logs', 1);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('log', { name: 'Logs' })).toContainText('nginx');
  for (const tab of ['Pods', 'Events', 'Access', 'Revisions', 'YAML', 'Logs']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel')).not.toBeEmpty();
    expect((await new AxeBuilder({ page }).analyze()).violations, tab).toEqual([]);
  }
});

test('Events: a container that keeps exiting shows its events with the restart hint', async ({ page, request }) => {
  await createDeployment(request, 'tab-restarts', { image: 'team/crashy', replicas: 1 });
  await openDetail(page, 'tab-restarts', 'events');
  const panel = page.getByRole('tabpanel');
  await expect(panel.getByText(/^Failed to restart container: the container keeps exiting/).first()).toBeVisible({ timeout: 60_000 });
});

test('a stuck rollout says why: its progress deadline passed', async ({ page, request }) => {
  const labels = { app: 'stuck' };
  await removeLeftover(request, deploymentPath('stuck'));
  const created = await request.post('/apis/apps/v1/namespaces/default/deployments', {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'stuck', labels },
      spec: {
        replicas: 1,
        progressDeadlineSeconds: 2,
        selector: { matchLabels: labels },
        template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:no-such-tag' }] } },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await openDetail(page, 'stuck');
  const rollout = page.getByRole('region', { name: 'Rollout' });
  await expect(rollout.getByRole('alert')).toHaveText(/^The rollout is stuck: ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/, { timeout: 30_000 });
  await expect(page.getByText('Failed', { exact: true }).first()).toBeVisible();
  const deployment = await readDeployment(request, 'stuck');
  const progressing = deployment.status.conditions.find((c: { type: string }) => c.type === 'Progressing');
  expect(progressing.reason).toBe('ProgressDeadlineExceeded');
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('Logs: an init container\'s output is offered apart and can be read', async ({ page, request }) => {
  const labels = { app: 'tab-init-logs' };
  await removeLeftover(request, deploymentPath('tab-init-logs'));
  const created = await request.post('/apis/apps/v1/namespaces/default/deployments', {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'tab-init-logs', labels },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            initContainers: [{ name: 'cache-warmup', image: 'redis:7' }],
            containers: [{ name: 'web', image: 'nginx:1.25' }],
          },
        },
      },
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  await openDetail(page, 'tab-init-logs');
  // A redis never exits: the pod stays at its init container, as kubectl words it.
  await expect(page.getByRole('tabpanel').getByRole('row').filter({ hasText: /^tab-init-logs-/ }).getByRole('cell').nth(1)).toHaveText('Init:0/1');
  await page.getByRole('tab', { name: 'Logs' }).click();
  const container = page.getByLabel('Container name');
  await expect(container.getByRole('option')).toHaveText(['All containers', 'web', 'cache-warmup']);
  await container.selectOption('cache-warmup');
  await expect(page.getByRole('log', { name: 'Logs' })).toContainText('Redis is starting');
});

test('in Chinese and Russian, conditions, event types and ages are translated too', async ({ page, request }) => {
  await createDeployment(request, 'tab-words', { replicas: 1 });
  await openDetail(page, 'tab-words');
  await allRunning(page, 'tab-words', 1);
  await page.getByRole('tab', { name: 'Events' }).click();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('list', { name: '状态条件' }).getByRole('listitem').filter({ hasText: '可用: 是' })).toBeVisible();
  const events = page.getByRole('tabpanel');
  await expect(events.getByRole('cell', { name: '正常' }).first()).toBeVisible();
  await expect(events.getByRole('cell', { name: /^\d+(秒|分)/ }).first()).toBeVisible();
  await page.getByLabel('语言').selectOption('ru');
  await expect(events.getByRole('cell', { name: 'Обычное' }).first()).toBeVisible();
  await expect(events.getByRole('cell', { name: /^\d+ (с|мин)/ }).first()).toBeVisible();
});
