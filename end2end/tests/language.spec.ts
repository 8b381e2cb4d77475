import { test, expect } from '@playwright/test';
import { waitLive } from './helpers';

test('the language switcher turns the console into Chinese and Russian, and it sticks', async ({ page }) => {
  await page.goto('/namespaces/default/deployments');
  await waitLive(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无状态负载');
  await expect(page.getByRole('columnheader', { name: '名称' })).toBeVisible();
  await expect(page.getByRole('row', { name: /nginx-demo/ })).toContainText('运行中');
  // Pod statuses too, on the workload's page.
  await page.getByRole('link', { name: 'nginx-demo' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('nginx-demo');
  await expect(page.getByRole('row', { name: /nginx-demo-/ }).first()).toContainText('运行中');
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('无状态负载');

  await page.getByLabel('语言').selectOption('ru');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Развёртывания');
  await expect(page.getByLabel('Пространство имён')).toHaveValue('default');

  // The choice is kept in a cookie: the server renders the next page in Russian.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Развёртывания');

  // One cookie for the whole console: a page in another folder opens in Russian too.
  const cookies = await page.context().cookies();
  expect(cookies.filter((c) => c.value === 'ru').map((c) => c.path)).toEqual(['/']);
  await page.goto('/images');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Образы');
  await expect(page.getByLabel('Язык')).toHaveValue('ru');
});
