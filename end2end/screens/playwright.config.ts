import { defineConfig } from '@playwright/test';
import base from '../playwright.config';
import { berth as serve } from '../cluster-mode';

// `make screens`: pictures of the console's pages in light and dark, written to
// docs/screens/ for the README and reviews. Not a test: nothing is compared.
const port = Number(process.env.BERTH_SCREENS_PORT ?? 3195);
const binary = process.env.BERTH_BIN ?? 'target/debug/berth';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.screens\.ts/,
  testIgnore: [],
  grep: undefined,
  retries: 0,
  projects: [{ ...base.projects![0], testIgnore: [], use: { ...base.projects![0].use, baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1360, height: 900 } } }],
  webServer: [serve(binary, '../..', port, [])],
});
