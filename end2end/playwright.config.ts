import { defineConfig } from '@playwright/test';

// The tests start their own server on their own port with a fresh in-memory engine,
// so a console a developer has running on :3000 is never touched.
const port = Number(process.env.BERTH_TEST_PORT ?? 3107);

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // How long to wait for the page to get somewhere (a reconnect backs off up to 5 s).
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: process.env.BERTH_BIN ?? 'target/debug/berth',
    cwd: '..',
    url: `http://127.0.0.1:${port}/api/v1/namespaces`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_ENV: 'PROD',
      RUST_LOG: 'warn',
    },
  },
});
