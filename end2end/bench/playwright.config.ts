import { defineConfig } from '@playwright/test';
import base from '../playwright.config';
import { berth as serve, writeKubeconfig } from '../cluster-mode';

// The console's benchmark: the release build, on its own ports, one long test. A second
// Berth in cluster mode runs in front of the first, so the delete-to-row latency is
// measured directly and through cluster mode against the same engine.
const port = Number(process.env.BERTH_BENCH_PORT ?? 3190);
const front = port + 2;

/** The release build on `listen`, from the repository's root. */
const berth = (listen: number, args: string[] = []) => serve('target/release/berth', '../..', listen, args);

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts/,
  testIgnore: [],
  grep: undefined,
  retries: 0,
  timeout: 30 * 60_000,
  // The engine's own Berth: the kubeconfig's `cluster` context (see ../cluster-mode.ts).
  projects: [{ ...base.projects![0], use: { ...base.projects![0].use, baseURL: `http://127.0.0.1:${port + 1}` } }],
  webServer: [berth(port + 1), berth(front, ['--kubeconfig', writeKubeconfig(port)])],
});
