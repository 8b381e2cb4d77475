import { test, expect, type CDPSession, type Page } from '@playwright/test';

// Figures, not assertions: the first open of the console on an ordinary link (10 Mbit/s,
// 40 ms round trip, cold cache), then a reload with everything cached. Runs before the
// 20,000-pod benchmark (files run in name order), on a fresh engine.

const LIST = '/namespaces/default/deployments';
const MBIT = 1_000_000 / 8;

/** Bytes that crossed the link (headers and compressed bodies), and the requests
 * that moved any, from now on. */
function countBytes(cdp: CDPSession): () => number {
  let bytes = 0;
  countBytes.requests = 0;
  cdp.on('Network.loadingFinished', (event) => {
    bytes += event.encodedDataLength;
    if (event.encodedDataLength > 0) countBytes.requests += 1;
  });
  cdp.on('Network.webSocketFrameReceived', (event) => {
    bytes += event.response.payloadData.length;
  });
  return () => bytes;
}
countBytes.requests = 0;

/** Opens the list and answers the milliseconds until it is hydrated and live. */
async function openUntilLive(page: Page, open: () => Promise<unknown>): Promise<number> {
  const start = Date.now();
  await open();
  // The badge turns Live only once the page is hydrated and its watch is open.
  await expect(page.getByRole('status').filter({ hasText: 'Live' }).first()).toBeVisible({ timeout: 60_000 });
  return Date.now() - start;
}

test('cold open and warm reload of the Deployments list on a 10 Mbit/s link', async ({ page, request }) => {
  // The server compresses its files in the background after it starts: each size is
  // read once its Brotli form is ready, so the cold open below gets Brotli too.
  // Each page's own code: the WASM chunks its lazy route loads (the split manifest
  // lists them), as they cross the link (Brotli's Content-Length), and the main WASM
  // every page needs.
  const brotliKb = async (file: string) => {
    let length = 0;
    await expect
      .poll(async () => {
        const head = await request.head(`/pkg/${file}`, { headers: { 'accept-encoding': 'br' } });
        length = Number(head.headers()['content-length']);
        return head.headers()['content-encoding'] === 'br' || length < 1024;
      }, { timeout: 120_000 })
      .toBe(true);
    return length / 1024;
  };
  const mainKb = await brotliKb('berth.wasm');
  const manifest: Record<string, string[]> = await (await request.get('/pkg/__wasm_split_manifest.json')).json();
  const pages: string[] = [];
  for (const [split, files] of Object.entries(manifest).sort()) {
    const page = split.replace(/^__/, '').replace(/_view_\d+$/, '');
    let kb = 0;
    for (const file of files) kb += await brotliKb(`${file}.wasm`);
    pages.push(`page_chunks_kb_${page}=${kb.toFixed(0)}`);
  }

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
  const coldRequests = countBytes.requests;

  const warm = countBytes(cdp);
  const warmMs = await openUntilLive(page, () => page.reload());
  const warmKb = warm() / 1024;

  console.log(`first_load_kb=${coldKb.toFixed(0)}`);
  console.log(`first_interactive_ms=${coldMs}`);
  console.log(`first_load_requests=${coldRequests}`);
  console.log(`warm_reload_kb=${warmKb.toFixed(0)}`);
  console.log(`warm_ms=${warmMs}`);
  console.log(`main_wasm_kb=${mainKb.toFixed(0)}`);
  for (const line of pages) console.log(line);
});
