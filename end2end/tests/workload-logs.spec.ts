import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import { allRunning, createDeployment, openDetail, podRowsOf } from './workload';

test("a workload's logs: its pods merged and tagged, filtered, searched, downloaded", async ({ page, request }) => {
  await createDeployment(request, 'merged', { replicas: 3 });
  await openDetail(page, 'merged');
  await allRunning(page, 'merged', 3);
  const pods = (await podRowsOf(page, 'merged').getByRole('link', { name: /^merged-/ }).allTextContents()).map((t) => t.trim());
  expect(pods).toHaveLength(3);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const log = page.getByRole('log', { name: 'Logs' });
  // Every pod's nginx says it starts, each line tagged with its pod and container.
  for (const pod of pods) {
    await expect(log.getByText(`${pod}/web`).first()).toBeVisible();
  }
  await page.getByLabel('Pod', { exact: true }).selectOption(pods[1]);
  await expect(log.getByText(`${pods[1]}/web`).first()).toBeVisible();
  await expect(log.getByText(`${pods[0]}/web`)).toHaveCount(0);
  await page.getByLabel('Pod', { exact: true }).selectOption({ label: 'All pods' });

  await page.getByLabel('Search logs').fill('worker processes');
  await expect(log.locator('mark').first()).toHaveText('worker processes');
  await expect(log.getByText(/\/web$/)).toHaveCount(3);

  await page.getByLabel('Timestamps').check();
  await expect(log).toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z /);
  const saved = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const download = await saved;
  expect(download.suggestedFilename()).toBe('logs.txt');
  const text = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
  expect(text).toHaveLength(3);
  for (const line of text) {
    expect(line).toMatch(/^\S+Z merged-\S+\/web .*worker processes/);
  }
});

test("a workload's logs: the previous run of a container that crashed", async ({ page, request }) => {
  await createDeployment(request, 'crashed-logs', { image: 'team/crashy', replicas: 1 });
  await openDetail(page, 'crashed-logs');
  // team/crashy panics 5 s after it starts; the kubelet starts it again.
  await expect(podRowsOf(page, 'crashed-logs').getByRole('cell').nth(3)).toHaveText(/^[1-9]/, { timeout: 60_000 });
  await page.getByRole('tab', { name: 'Logs' }).click();
  await page.getByLabel('Previous container').check();
  await expect(page.getByRole('log', { name: 'Logs' })).toContainText('panic:', { timeout: 20_000 });
});
