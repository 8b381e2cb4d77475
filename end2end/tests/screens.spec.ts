import { test, expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { openWizard, waitLive } from './helpers';

// Every page in light and dark, compared with the pictures kept beside this file
// (`npx playwright test tests/screens.spec.ts --update-snapshots` after a change that
// is meant). Pages show fixed data: empty lists in a namespace of their own, a workload
// of no pods and a pod on a named node, created here. What still varies is masked:
// ages and addresses, node usage, and a table whose column widths follow its ages.

const NS = 'screens';
const DETAIL_NS = 'screens-detail';

/** Ages (`30s`, `1m5s`) and pod addresses, wherever they stand. */
const varying = (page: Page): Locator[] => [
  page.getByText(/^\d+[smhd](\d+[smh])?$/),
  page.getByText(/^10\.244\.\d+\.\d+$/),
];

async function namespace(request: APIRequestContext, name: string) {
  const made = await request.post('/api/v1/namespaces', { data: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } });
  expect([201, 409]).toContain(made.status());
}

async function picture(page: Page, name: string, options: { fullPage?: boolean; mask?: Locator[] } = {}) {
  await expect(page).toHaveScreenshot(`${name}.png`, {
    fullPage: options.fullPage ?? false,
    mask: [...varying(page), ...(options.mask ?? [])],
    maxDiffPixels: 100,
  });
}

// A wizard's five pictures take 8 s on a quiet machine: room for a busy one.
test.describe.configure({ timeout: 60_000 });

test.beforeAll(async ({ request }) => {
  await namespace(request, NS);
  await namespace(request, DETAIL_NS);
  const labels = { app: 'web' };
  const deployment = await request.post(`/apis/apps/v1/namespaces/${DETAIL_NS}/deployments`, {
    data: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
    },
  });
  expect([201, 409]).toContain(deployment.status());
  const pod = await request.post(`/api/v1/namespaces/${DETAIL_NS}/pods`, {
    data: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'screens-pod' },
      spec: { nodeName: 'node-1', containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] },
    },
  });
  expect([201, 409]).toContain(pod.status());
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test(`the wizard's five steps look as they did (${scheme})`, async ({ page }) => {
      for (const step of ['basic', 'containers', 'access', 'advanced', 'confirm']) {
        await openWizard(page, step);
        await expect(page.getByRole('complementary', { name: 'Your choices' })).toBeVisible();
        await picture(page, `wizard-${step}-${scheme}`, { fullPage: true });
      }
    });

    test(`the list pages look as they did (${scheme})`, async ({ page }) => {
      for (const list of ['deployments', 'statefulsets', 'daemonsets', 'pods', 'services', 'configmaps', 'secrets', 'events']) {
        await page.goto(`/namespaces/${NS}/${list}`);
        await waitLive(page);
        await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
        await picture(page, `list-${list}-${scheme}`);
      }
    });

    test(`the overview looks as it did (${scheme})`, async ({ page }) => {
      await page.goto(`/namespaces/${NS}/overview`);
      const nodes = page.getByRole('region', { name: 'Nodes' });
      await expect(nodes.getByRole('row').nth(1)).toBeVisible();
      await picture(page, `overview-${scheme}`, { mask: [nodes] });
    });

    test(`a workload's page looks as it did (${scheme})`, async ({ page }) => {
      await page.goto(`/namespaces/${DETAIL_NS}/deployments/web`);
      await waitLive(page);
      await expect(page.getByText('Available: True')).toBeVisible();
      await picture(page, `deployment-${scheme}`);
    });

    test(`a pod's page looks as it did (${scheme})`, async ({ page }) => {
      await page.goto(`/namespaces/${DETAIL_NS}/pods/screens-pod`);
      await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
      await expect(page.getByRole('table', { name: 'Containers' }).getByRole('cell', { name: 'Running' })).toBeVisible();
      // Placed on its node by name, the pod has no PodScheduled condition.
      const conditions = page.getByRole('table', { name: 'Conditions' });
      await expect(conditions.getByRole('row')).toHaveCount(5);
      await picture(page, `pod-${scheme}`, { mask: [conditions] });
    });
  });
}
