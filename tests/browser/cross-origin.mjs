// A frontend on another origin, in headless Chromium: a page served from FRONTEND_URL (an origin the host lists in
// Cors:AllowedOrigins) queries /graphql, reads REST, subscribes over the WebSocket and sees the client it disables
// change; the same page served from OTHER_URL (not listed) can do none of it.
//   MIKRONET_URL=… FRONTEND_PORT=… OTHER_PORT=… MIKRONET_TOKEN=… CLIENT_ID=… node cross-origin.mjs  (run-live-check.sh)
import http from 'node:http';
import { chromium } from 'playwright-core';

const base = process.env.MIKRONET_URL;
const token = process.env.MIKRONET_TOKEN;
const clientId = Number(process.env.CLIENT_ID);
let passed = 0;
let failed = 0;

function check(ok, what, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `: ${detail}`}`);
}

// The page a frontend team would write, without a library: fetch and a bare WebSocket speaking graphql-transport-ws.
const page = `<!doctype html><meta charset="utf-8"><title>frontend</title><script>
window.run = async (base, token, clientId) => {
  const out = {};
  try {
    const r = await fetch(base + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
      body: JSON.stringify({ query: '{ me { username } client(clientId: ' + clientId + ') { id status } }' }) });
    out.graph = await r.json();
  } catch (e) { out.graph = String(e); }
  try {
    const r = await fetch(base + '/client/' + clientId + '/details', { headers: { authorization: 'Bearer ' + token } });
    out.rest = r.status;
  } catch (e) { out.rest = String(e); }
  out.events = await new Promise((resolve) => {
    const events = [];
    const ws = new WebSocket(base.replace('http', 'ws') + '/graphql', 'graphql-transport-ws');
    const done = (why) => { events.push(why); resolve(events); try { ws.close(); } catch {} };
    const timer = setTimeout(() => done('timeout'), 15000);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: 'Bearer ' + token } }));
    ws.onerror = () => { clearTimeout(timer); done('error'); };
    ws.onmessage = async (m) => {
      const msg = JSON.parse(m.data);
      if (msg.type === 'connection_ack') {
        ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: {
          query: 'subscription($id: Int!) { clientChanged(clientId: $id) { status } }', variables: { id: clientId } } }));
        // Change the client until the subscription, set up meanwhile, delivers.
        for (let i = 0; i < 30 && !events.length; i++) {
          await fetch(base + '/client/update/' + clientId, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
            body: JSON.stringify({ address: 'Jl. Browser ' + i }) });
          await new Promise((r) => setTimeout(r, 300));
        }
      } else if (msg.type === 'next') {
        events.push(msg.payload.data.clientChanged.status);
        clearTimeout(timer);
        done('ok');
      }
    };
  });
  return out;
};
</script>`;

function serve(port) {
  const server = http.createServer((_, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page); });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

const allowed = await serve(Number(process.env.FRONTEND_PORT));
const other = await serve(Number(process.env.OTHER_PORT));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const tab = await browser.newPage();
  await tab.goto(`http://127.0.0.1:${process.env.FRONTEND_PORT}/`);
  const good = await tab.evaluate(([b, t, c]) => window.run(b, t, c), [base, token, clientId]);
  check(good.graph?.data?.me?.username === 'admin' && typeof good.graph.data.client?.id === 'string',
    'an allowed origin queries /graphql with its bearer token', JSON.stringify(good.graph));
  check(good.rest === 200, 'an allowed origin reads REST', String(good.rest));
  check(good.events.at(-1) === 'ok', 'an allowed origin subscribes over the WebSocket and gets the change', JSON.stringify(good.events));

  const bad = await browser.newPage();
  await bad.goto(`http://127.0.0.1:${process.env.OTHER_PORT}/`);
  const refused = await bad.evaluate(([b, t, c]) => window.run(b, t, c), [base, token, clientId]);
  check(typeof refused.graph === 'string' && refused.graph.includes('TypeError'), 'another origin cannot read /graphql', JSON.stringify(refused.graph));
  check(typeof refused.rest === 'string', 'another origin cannot read REST', String(refused.rest));
  check(refused.events.at(-1) === 'error', 'another origin cannot open the WebSocket', JSON.stringify(refused.events));
} finally {
  await browser.close();
  allowed.close();
  other.close();
}
console.log(`cross-origin: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
