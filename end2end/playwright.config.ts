import { defineConfig } from '@playwright/test';
import { berth as serve, ports, writeKubeconfig } from './cluster-mode';

// The tests start their own servers on their own ports with fresh in-memory engines,
// so a console a developer has running on :3000 is never touched.
const base = Number(process.env.BERTH_TEST_PORT ?? 3107);
const port = ports(base);
const binary = process.env.BERTH_BIN ?? 'target/debug/berth';

/** A Berth on `listen`, from the repository's root. */
const berth = (listen: number, args: string[] = []) => serve(binary, '..', listen, args);

const chromium = {
  browserName: 'chromium' as const,
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
};

// The core flows, run a second time through the cluster-mode Berth.
const throughClusterMode = [
  'a Deployment with two containers, probes, env, a volume, internet access and replace upgrade',
  'a deleted pod is replaced before your eyes, in every open page',
  'scale: the new count is checked, sent, and seen live in a second page',
  'upgrade, watch the rollout, compare revisions and roll back',
  'Events: an image that cannot be pulled shows its events with the hint',
  'YAML: the live manifest, an edit saved, and a stale edit refused',
  "Logs: a container's output, and every tab passes axe",
  "a pod's Terminal: a shell in its container, its exit, a reconnect and a second terminal",
  "a workload's logs: its pods merged and tagged, filtered, searched, downloaded",
  'the console opens on the overview; the Deployment list has nginx-demo Running 3/3',
  'a CronJob from the wizard: its schedule checked at the field, Run now, Suspend and Resume',
];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // Twice the longest test on a quiet 2-core machine (the overview's, ~15 s) and more:
  // a busy machine doubles times, and a test must not pass only on a quiet one.
  timeout: 60_000,
  // How long to wait for the page to get somewhere (a reconnect backs off up to 5 s).
  expect: { timeout: 10_000 },
  use: {
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testIgnore: [/cluster-mode\.spec\.ts/, /auth\.spec\.ts/],
      use: { ...chromium, baseURL: `http://127.0.0.1:${port.direct}` },
    },
    {
      name: 'cluster-mode',
      // Matched against the title path; new tests say "cluster mode" in their titles.
      grep: new RegExp(`${throughClusterMode.map(escape).join('|')}|cluster mode`),
      use: { ...chromium, baseURL: `http://127.0.0.1:${port.front}` },
    },
    {
      name: 'auth',
      testMatch: /auth\.spec\.ts/,
      use: { ...chromium, baseURL: `http://127.0.0.1:${port.auth}` },
    },
  ],
  webServer: [
    berth(port.direct),
    berth(port.cluster),
    berth(port.front, ['--kubeconfig', writeKubeconfig(base), '--embedded']),
    // Sign-in and RBAC: users from a token file.
    berth(port.auth, ['--auth', 'token', '--token-auth-file', 'end2end/auth-tokens.csv']),
  ],
});
