// Subscriptions as a frontend written elsewhere sees them: the npm `graphql-ws` client (the one Apollo and urql use)
// against two running hosts on one database. It subscribes on both hosts, changes a client and pays its invoice
// through host A's REST API, and checks that host B delivers the events too; a wrong token is refused (4403).
//   MIKRONET_URL=http://127.0.0.1:5190 MIKRONET_URL_B=http://127.0.0.1:5191 node live.mjs   (run-live-check.sh starts both)
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const hostA = process.env.MIKRONET_URL ?? 'http://127.0.0.1:5080';
const hostB = process.env.MIKRONET_URL_B ?? hostA;
const username = process.env.MIKRONET_USER ?? 'admin';
const password = process.env.MIKRONET_PASSWORD ?? 'live-check-pass-1';
let passed = 0;
let failed = 0;

function check(ok, what, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `: ${detail}`}`);
}

async function must(method, path, body, token) {
  const response = await fetch(hostA + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const socketUrl = (http) => http.replace(/^http/, 'ws') + '/graphql';

/** A graphql-ws client and the events of one subscription, collected as they come. */
function subscribe(http, token, query, variables) {
  const events = [];
  const closed = [];
  const client = createClient({
    url: socketUrl(http),
    webSocketImpl: WebSocket,
    connectionParams: { Authorization: `Bearer ${token}` },
    retryAttempts: 0,
    on: { closed: (event) => closed.push(event.code) },
  });
  const errors = [];
  client.subscribe({ query, variables }, {
    next: (value) => events.push(value),
    error: (error) => errors.push(error),
    complete: () => {},
  });
  return { client, events, errors, closed };
}

async function until(condition, what, ms = 10000) {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

await fetch(hostA + '/auth/register', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
const token = (await must('POST', '/auth/login', { username, password })).token;
const stamp = Date.now() % 1000000;
// A router nothing listens on: provisioning stays PENDING (then FAILED); the check is about events, not routers.
const router = (await must('POST', '/routers', { name: `live-${stamp}`, host: '127.0.0.1', port: 9, username: 'api', password: 'x' }, token)).data.router_id;
const plan = (await must('POST', '/plans', { name: `Live ${stamp}`, price: 100000, period_months: 1, ppp_profile: 'live' }, token)).data.plan_id;
const clientId = (await must('POST', '/client/register', {
  name: 'Live Check', phone_number: '081234560000', address: 'Jl. Live 1', ppp_secret_name: `live-${stamp}`,
  ppp_password: 'secret-1', router_id: router, plan_id: plan,
}, token)).data.client_id;

const CLIENT = 'subscription($id: Int!) { clientChanged(clientId: $id) { id clientId status address } }';
const onA = subscribe(hostA, token, CLIENT, { id: clientId });
const onB = subscribe(hostB, token, CLIENT, { id: clientId });
const payments = subscribe(hostB, token, 'subscription($id: Int) { paymentRecorded(clientId: $id) { amount paymentMethod } }', { id: clientId });

// A subscription is in place once it has delivered: edit the address until both hosts have shown an edit.
let edits = 0;
const both = () => onA.events.length > 0 && onB.events.length > 0;
for (const deadline = Date.now() + 15000; !both() && Date.now() < deadline; edits++) {
  await must('PUT', `/client/update/${clientId}`, { address: `Jl. Live ${edits + 2}` }, token);
  await until(both, 'an edit on both hosts', 500);
}
check(both(), `both hosts deliver an edit made through host A (after ${edits} edit(s))`,
  JSON.stringify({ a: onA.errors.map(String), b: onB.errors.map(String), closed: [...onA.closed, ...onB.closed] }));

await must('POST', `/client/${clientId}/disable`, undefined, token);
const disabled = (s) => s.events.some((e) => e.data?.clientChanged?.status === 'DISABLED');
check(await until(() => disabled(onA) && disabled(onB), 'disabled on both'), 'disabling through host A reaches subscribers on host A and host B',
  JSON.stringify({ a: onA.events.at(-1), b: onB.events.at(-1) }));
check(onB.events.every((e) => e.data?.clientChanged?.clientId === clientId && typeof e.data.clientChanged.id === 'string'),
  'every event is the subscribed client, with its global id');

const details = await must('GET', `/client/${clientId}/details`, undefined, token);
const invoice = details.data.subscriptions[0].invoices[0];
await must('POST', `/invoices/${invoice.invoice_id}/payments`, { amount: 25000, payment_method: 'cash' }, token);
check(await until(() => payments.events.some((e) => e.data?.paymentRecorded?.amount === 25000), 'payment'),
  'a payment recorded through host A reaches paymentRecorded on host B', JSON.stringify(payments.events));

const refused = subscribe(hostB, 'not-a-token', CLIENT, { id: clientId });
check(await until(() => refused.closed.length > 0, 'refused'), 'a wrong token is closed by the server', 'still open');
check(refused.closed[0] === 4403, 'with 4403 Forbidden', String(refused.closed[0]));

for (const s of [onA, onB, payments, refused]) await s.client.dispose();
console.log(`graphql-ws: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
