import { test, expect, type CDPSession, type Page } from '@playwright/test';

// Figures, not assertions: the first open of the console on an ordinary link (10 Mbit/s,
// 40 ms round trip, cold cache), then a reload with everything cached. Runs before the
// 20,000-pod benchmark (files run in name order), on a fresh engine.

const LIST = '/namespaces/default/deployments';
const MBIT = 1_000_000 / 8;

/** Bytes that crossed the link (headers and compressed bodies), from now on. */
function countBytes(cdp: CDPSession): () => number {
  let bytes = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
  });
  cdp.on('Network.webSocketFrameReceived', (event) => {
    bytes += event.response.payloadData.length;
  });
  return () => bytes;
}

/** Opens the list and answers the milliseconds until it is hydrated and live. */
async function openUntilLive(page: Page, open: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await open();
  // The badge turns Live only once the page is hydrated and its watch is open.
  await expect(page.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible({ timeout: 60_000 });
  return Date.now() - start;
}

test('cold open and warm reload of the Deployments list on a 10 Mbit/s link', async ({ page, request }) => {
  // The server compresses its files in the background after it starts: wait for Brotli.
  await expect
    .poll(async () => (await request.get('/pkg/berth.wasm', { headers: { 'accept-encoding': 'br' } })).headers()['content-encoding'], { timeout: 120_000 })
    .toBe('br');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.clearBrowserCache');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 40,
    downloadThroughput: 10 * MBIT,
    uploadThroughput: 10 * MBIT,
  });
  const cold = countBytes(cdp);
  const coldMs = await openUntilLive(page, () => page.goto(LIST));
  const coldKb = cold() / 1024;

  const warm = countBytes(cdp);
  const warmMs = await openUntilLive(page, () => page.reload());
  const warmKb = warm() / 1024;

  // The one WASM chunk there is (the console is not split by page yet), as it crosses
  // the link: Brotli's Content-Length, not the body the client hands back unpacked.
  const wasm = await request.head('/pkg/berth.wasm', { headers: { 'accept-encoding': 'br' } });
  const wasmKb = Number(wasm.headers()['content-length']) / 1024;
  const plain = await request.head('/pkg/berth.wasm', { headers: { 'accept-encoding': 'identity' } });
  const plainKb = Number(plain.headers()['content-length']) / 1024;

  console.log(`first_load_kb=${coldKb.toFixed(0)}`);
  console.log(`first_interactive_ms=${coldMs}`);
  console.log(`warm_reload_kb=${warmKb.toFixed(0)}`);
  console.log(`warm_ms=${warmMs}`);
  console.log(`wasm_chunk_all_pages_kb=${wasmKb.toFixed(0)} (uncompressed ${plainKb.toFixed(0)})`);
});
