// Cluster mode in the tests: a second Berth with the embedded engine plays a real
// cluster, and a third runs in cluster mode in front of it, from a kubeconfig written
// here. The context `flaky` names a cluster that the tests start and stop themselves.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The ports: the console on the embedded engine, and the cluster-mode set. */
export function ports(base: number) {
  return { direct: base, cluster: base + 1, front: base + 2, flaky: base + 3, auth: base + 4 };
}

/** A Playwright web server: `binary` (from the repository's root) on `listen`, with
 * `args`; its environment never names a kubeconfig, and nobody signs in unless `args`
 * say `--auth token`. */
export function berth(binary: string, root: string, listen: number, args: string[] = []) {
  return {
    command: [binary, ...args].join(' '),
    cwd: root,
    url: `http://127.0.0.1:${listen}/sign-in`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${listen}`,
      LEPTOS_SITE_ROOT: 'target/site',
      LEPTOS_ENV: 'PROD',
      RUST_LOG: 'warn',
      KUBECONFIG: '',
      BERTH_AUTH: 'none',
    },
  };
}

/** Writes the cluster-mode Berth's kubeconfig; answers its path. */
export function writeKubeconfig(base: number): string {
  const p = ports(base);
  const dir = path.join(__dirname, '.cluster-mode');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kubeconfig');
  fs.writeFileSync(
    file,
    `apiVersion: v1
kind: Config
current-context: cluster
clusters:
- name: cluster
  cluster: {server: 'http://127.0.0.1:${p.cluster}'}
- name: flaky
  cluster: {server: 'http://127.0.0.1:${p.flaky}'}
users:
- name: tester
  user: {token: test-token}
contexts:
- name: cluster
  context: {cluster: cluster, user: tester, namespace: default}
- name: flaky
  context: {cluster: flaky, user: tester, namespace: default}
`,
  );
  return file;
}
