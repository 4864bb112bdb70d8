// Banana Cake Pop subscribes: opens the IDE at /graphql of a running host in headless Chromium, sets the bearer token
// in the document's "HTTP Headers" tab (bcp.mjs), runs a clientChanged subscription, changes the client
// through REST and checks that the IDE's WebSocket receives the event and its response pane shows it.
//   MIKRONET_URL=… MIKRONET_TOKEN=… CLIENT_ID=… node graphql-ide-subscription.mjs   (run-live-check.sh runs it)
// Writes graphql-ide-subscription.png beside this script.
import { chromium } from 'playwright-core';
import { runInIde } from './bcp.mjs';

const base = process.env.MIKRONET_URL ?? 'http://127.0.0.1:5080';
const token = process.env.MIKRONET_TOKEN;
const clientId = Number(process.env.CLIENT_ID);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const frames = [];
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('websocket', (ws) => {
    frames.push(`open ${ws.url()}`);
    ws.on('framesent', (f) => frames.push(`sent ${String(f.payload).slice(0, 300)}`));
    ws.on('framereceived', (f) => frames.push(`received ${String(f.payload).slice(0, 300)}`));
    ws.on('close', () => frames.push('closed'));
  });

  await runInIde(page, base, token, `subscription Watch { clientChanged(clientId: ${clientId}) { clientId status address } }`);

  // Change the client until the subscription (set up meanwhile) has delivered an event.
  const received = () => frames.some((f) => f.startsWith('received') && f.includes('"next"') && f.includes('clientChanged'));
  for (let i = 0; i < 40 && !received(); i++) {
    await fetch(`${base}/client/update/${clientId}`, {
      method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ address: `Jl. IDE ${i}` }),
    });
    await page.waitForTimeout(500);
  }
  await page.waitForTimeout(1000);
  await page.screenshot({ path: new URL('./graphql-ide-subscription.png', import.meta.url).pathname });
  const shown = await page.locator('.monaco-editor').nth(1).innerText().catch(() => '');
  const ok = received() && shown.includes('clientChanged');
  console.log(`${ok ? 'OK' : 'FAIL'}: Banana Cake Pop's WebSocket received the event: ${received()}; response pane shows it: ${shown.includes('clientChanged')}`);
  if (!ok) console.log(frames.join('\n'));
  process.exitCode = ok ? 0 : 1;
} finally {
  await browser.close();
}
