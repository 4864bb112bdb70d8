// Checks /dashboard in headless Chromium against a running host that it seeds through REST: signs in as a person
// does, waits for the charts, and compares every key figure and chart with what /graphql answers for the same
// data. Also: a wrong password is refused on the page, the token lives in sessionStorage only, sign-out forgets it.
//   MIKRONET_URL=http://127.0.0.1:5190 node dashboard.mjs      (run-dashboard-check.sh starts a host for it)
// Writes dashboard.png (the dashboard after sign-in) beside this script.
import { chromium } from 'playwright-core';

const base = process.env.MIKRONET_URL ?? 'http://127.0.0.1:5080';
const username = process.env.MIKRONET_USER ?? 'admin';
const password = process.env.MIKRONET_PASSWORD ?? 'dashboard-check-1';
let passed = 0;
let failed = 0;

function check(ok, what, detail = '') {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `: ${detail}`}`);
}

async function api(method, path, body, token) {
  const response = await fetch(base + path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function must(method, path, body, token, status = [200, 201]) {
  const answer = await api(method, path, body, token);
  if (!status.includes(answer.status)) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function graph(query, token) {
  const body = await must('POST', '/graphql', { query }, token);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const addDays = (iso, days) => new Date(Date.parse(iso) + days * 86400000).toISOString().slice(0, 10);

// A fresh host: the first registered user becomes the admin.
await api('POST', '/auth/register', { username, password });
const token = (await must('POST', '/auth/login', { username, password })).token;
const today = (await graph('{ reports { summary { asOf } } }', token)).reports.summary.asOf;

// Twenty clients started 0–330 days ago on two plans, one router that cannot be reached (so router changes fail).
// Billing then runs every ten days up to today, and clients pay each period three days after it starts, until the
// day they stop paying (some never, others 10–120 days ago); one pays half of a period. Two clients are disabled,
// and enforcement isolates those past their grace.
const router = (await must('POST', '/routers', { name: 'check-core', host: '127.0.0.1', port: 9, username: 'api', password: 'x' }, token)).data.router_id;
const plans = [];
for (const [name, price] of [['Home 10M', 150000], ['Home 30M', 275000]])
  plans.push((await must('POST', '/plans', { name: `${name} ${Date.now() % 100000}`, price, period_months: 1, ppp_profile: name.replace(' ', '-').toLowerCase() }, token)).data.plan_id);
const clients = [];
for (let i = 0; i < 20; i++) {
  clients.push({
    id: (await must('POST', '/client/register', {
      name: `Pelanggan ${i + 1}`, phone_number: `08123456${String(i).padStart(4, '0')}`, address: `Jl. Contoh ${i + 1}`,
      ppp_secret_name: `check-${Date.now() % 100000}-${i}`, ppp_password: 'secret-1', router_id: router, plan_id: plans[i % 2],
      start_date: addDays(today, -((i * 53) % 331)),
    }, token)).data.client_id,
    stopsPaying: addDays(today, -[-1, 10, 40, 70, 120][i % 5]),
    halfPays: i === 7,
  });
}
for (let day = addDays(today, -330); ; day = addDays(day, 10) > today && day < today ? today : addDays(day, 10)) {
  await must('POST', '/invoices/generate', { as_of: day }, token);
  for (const client of clients) {
    for (const period of (await must('GET', `/client/${client.id}/details`, undefined, token)).data.subscriptions) {
      const paysOn = addDays(period.start_date, 3) > day ? day : addDays(period.start_date, 3);
      if (period.start_date > day || paysOn >= client.stopsPaying) continue;
      for (const invoice of period.invoices.filter((v) => v.total_amount > v.amount_paid && v.amount_paid === 0)) {
        const amount = client.halfPays && period.start_date > addDays(today, -40) ? invoice.total_amount / 2 : invoice.total_amount;
        await must('POST', `/invoices/${invoice.invoice_id}/payments`, { amount, payment_method: period.start_date.endsWith('5') ? 'cash' : 'bank_transfer', payment_date: paysOn }, token);
      }
    }
  }
  if (day === today) break;
}
for (const { id } of clients.slice(-2)) await must('POST', `/client/${id}/disable`, undefined, token);
await must('POST', '/invoices/enforce', { as_of: today }, token);

const QUERY = `{ reports {
  summary { asOf currency mrr collectedThisMonth outstanding overdueClients isolatedClients failingRouterChanges }
  revenue(by: MONTH) { key amount } aging { label openBalance } clients(by: STATUS) { label clients } } }`;
// The outbox worker records its first failed delivery within a second or two.
let expected;
for (const deadline = Date.now() + 30000; Date.now() < deadline;) {
  expected = (await graph(QUERY, token)).reports;
  if (expected.summary.failingRouterChanges > 0) break;
  await new Promise((r) => setTimeout(r, 500));
}
console.log('API:', JSON.stringify(expected.summary));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const offsite = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) offsite.push(r.url()); });

  await page.goto(`${base}/dashboard`);
  await page.waitForSelector('#signin-form', { state: 'visible' });
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', 'wrong-password');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#signin-error').textContent.length > 0);
  check(await page.isVisible('#signin-form'), 'a wrong password keeps the sign-in form with an error',
    await page.textContent('#signin-error'));

  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
  const storage = await page.evaluate(() => ({ session: sessionStorage.length, local: localStorage.length, cookie: document.cookie }));
  check(storage.session === 1 && storage.local === 0 && storage.cookie === '', 'the token is kept in sessionStorage only', JSON.stringify(storage));

  const shown = await page.$$eval('[data-figure]', (cells) => cells.map((c) => ({ name: c.dataset.figure, kind: c.dataset.kind, text: c.textContent })));
  // id-ID money ("Rp 1.234.567,50") and counts ("1.234") read back as numbers.
  const parse = (text) => Number(text.replace(/[^\d,-]/g, '').replace(',', '.'));
  for (const figure of shown)
    check(Math.abs(parse(figure.text) - Number(expected.summary[figure.name])) < 0.005,
      `${figure.name} shows ${figure.text.replace(/\s/g, ' ')} = ${expected.summary[figure.name]}`, `page ${figure.text}`);
  check(shown.length === 6, 'six key figures are shown', String(shown.length));

  const drawn = await page.evaluate(() => Object.fromEntries(['revenue', 'aging', 'status'].map((n) => {
    const chart = Chart.getChart(`chart-${n}`);
    return [n, chart ? { labels: chart.data.labels, data: chart.data.datasets[0].data, painted: chart.canvas.width > 0 } : null];
  })));
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const charts = {
    revenue: { labels: expected.revenue.map((r) => r.key), data: expected.revenue.map((r) => r.amount) },
    aging: { labels: expected.aging.map((b) => b.label), data: expected.aging.map((b) => b.openBalance) },
    status: { labels: expected.clients.map((c) => c.label), data: expected.clients.map((c) => c.clients) },
  };
  for (const [name, want] of Object.entries(charts))
    check(drawn[name]?.painted && same(drawn[name].labels, want.labels) && same(drawn[name].data, want.data),
      `the ${name} chart shows the API's ${want.data.length} values`, JSON.stringify({ drawn: drawn[name], want }));
  check(expected.summary.failingRouterChanges > 0 && expected.summary.isolatedClients > 0 && expected.summary.collectedThisMonth > 0,
    'the seeded data gives non-zero figures', JSON.stringify(expected.summary));

  await page.screenshot({ path: new URL('./dashboard.png', import.meta.url).pathname, fullPage: true });

  await page.reload();
  await page.waitForFunction(() => document.body.dataset.state === 'ready', null, { timeout: 30000 });
  check(true, 'a reload stays signed in for the session');
  await page.click('#signout');
  await page.waitForSelector('#signin-form', { state: 'visible' });
  check(await page.evaluate(() => sessionStorage.length === 0), 'sign-out forgets the token');
  check(offsite.length === 0, 'nothing is loaded from outside the host', offsite.join(', '));
} finally {
  await browser.close();
}

console.log(`dashboard: ${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
