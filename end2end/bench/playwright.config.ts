import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

// The console's benchmark: the release build, on its own port, one long test.
const port = Number(process.env.BERTH_BENCH_PORT ?? 3190);

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts/,
  retries: 0,
  timeout: 30 * 60_000,
  use: { ...base.use, baseURL: `http://127.0.0.1:${port}` },
  webServer: {
    ...base.webServer,
    command: 'target/release/berth',
    // From the repository's root, as the tests' own config runs from `end2end/`.
    cwd: '../..',
    url: `http://127.0.0.1:${port}/api/v1/namespaces`,
    env: { ...(base.webServer as { env: Record<string, string> }).env, LEPTOS_SITE_ADDR: `127.0.0.1:${port}` },
  },
});
