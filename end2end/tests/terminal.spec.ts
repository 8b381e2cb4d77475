import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { createDeployment } from './workload';

test("a pod's Terminal: a shell in its container, its exit, a reconnect and a second terminal", async ({ page, request }) => {
  await createDeployment(request, 'term', { replicas: 1 });
  await page.goto('/namespaces/default/pods');
  const link = page.getByRole('link', { name: /^term-/ });
  await expect(link).toHaveCount(1);
  const name = (await link.textContent())!.trim();
  await page.goto(`/namespaces/default/pods/${name}?tab=terminal`);
  await expect(page.getByRole('tab', { name: 'Terminal' })).toHaveAttribute('aria-selected', 'true');

  const terminal = page.getByRole('region', { name: 'Terminal: web' });
  await expect(terminal.getByRole('status')).toHaveText('Connected', { timeout: 20_000 });
  const input = terminal.getByRole('textbox', { name: 'Terminal input' });
  await input.pressSequentially('env');
  await input.press('Enter');
  await expect(terminal).toContainText(`HOSTNAME=${name}`);
  await input.pressSequentially('cat /etc/hostname; nosuch');
  await input.press('Enter');
  await expect(terminal).toContainText('sh: 1: nosuch: not found');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);

  await input.pressSequentially('exit 3');
  await input.press('Enter');
  await expect(terminal.getByRole('status')).toHaveText('Exited with code 3');
  await terminal.getByRole('button', { name: 'Reconnect' }).click();
  await expect(terminal.getByRole('status')).toHaveText('Connected');

  // Several at once, each closed on its own.
  await page.getByRole('button', { name: 'Open terminal' }).click();
  await expect(page.getByRole('region', { name: 'Terminal: web' })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Terminal: web' }).nth(1).getByRole('status')).toHaveText('Connected');
  await page.getByRole('region', { name: 'Terminal: web' }).nth(0).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('region', { name: 'Terminal: web' })).toHaveCount(1);
});

test("a pod row on the workload page opens that pod's terminal", async ({ page, request }) => {
  await createDeployment(request, 'term-row', { replicas: 1 });
  await page.goto('/namespaces/default/deployments/term-row');
  const link = page.getByRole('link', { name: /^Open a terminal in term-row-/ });
  await expect(link).toHaveCount(1);
  const pod = (await link.getAttribute('aria-label'))!.replace('Open a terminal in ', '');
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/default/pods/${pod}\\?tab=terminal$`));
  await expect(page.getByRole('region', { name: 'Terminal: web' }).getByRole('status')).toHaveText('Connected', { timeout: 20_000 });
});
