// The operator dashboard: signs in through POST /auth/login, keeps the bearer token in sessionStorage only (gone
// when the tab closes), and reads every figure with one query to /graphql. Chart.js is served by the host.
'use strict';

const TOKEN = 'mikronet.dashboard.token';
const QUERY = `query Dashboard {
  me { username role }
  reports {
    summary { asOf currency mrr collectedThisMonth outstanding overdueClients isolatedClients failingRouterChanges }
    revenue(by: MONTH) { key amount payments }
    aging { bucket label openBalance invoices }
    clients(by: STATUS) { key label clients }
  }
}`;
const STATUS_COLOURS = { active: '#2f9e44', disabled: '#868e96', isolated: '#e03131' };
const AGING_COLOURS = ['#2f9e44', '#f59f00', '#f76707', '#e8590c', '#c92a2a'];

const $ = (selector) => document.querySelector(selector);
const charts = {};

function show(state) {
  $('#signin').hidden = state !== 'signin';
  $('#board').hidden = state === 'signin';
  document.body.dataset.state = state;
}

async function signIn(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  $('#signin-error').textContent = '';
  const response = await fetch('../auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.token) {
    $('#signin-error').textContent = body.detail || body.title || 'Sign-in failed.';
    return;
  }
  sessionStorage.setItem(TOKEN, body.token);
  event.target.reset();
  await load();
}

async function signOut() {
  const token = sessionStorage.getItem(TOKEN);
  sessionStorage.removeItem(TOKEN);
  if (token) await fetch('../auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}` } }).catch(() => {});
  show('signin');
}

async function load() {
  const token = sessionStorage.getItem(TOKEN);
  if (!token) return show('signin');
  show('loading');
  $('#board').hidden = false;
  $('#board-error').textContent = '';
  let response;
  try {
    response = await fetch('../graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
  } catch {
    $('#board-error').textContent = 'The server cannot be reached.';
    return show('error');
  }
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN);
    return show('signin');
  }
  const body = await response.json().catch(() => ({}));
  if (!body.data) {
    $('#board-error').textContent = body.errors?.[0]?.message ?? `The server answered ${response.status}.`;
    return show('error');
  }
  render(body.data);
  show('ready');
}

function render({ me, reports }) {
  const { summary } = reports;
  const money = new Intl.NumberFormat('id-ID', { style: 'currency', currency: summary.currency, minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const count = new Intl.NumberFormat('id-ID');
  $('#who').textContent = `${me.username} (${me.role.toLowerCase()})`;
  $('#as-of').textContent = `as of ${summary.asOf}`;
  for (const cell of document.querySelectorAll('[data-figure]')) {
    const value = summary[cell.dataset.figure];
    cell.dataset.value = String(value);
    cell.textContent = cell.dataset.kind === 'money' ? money.format(value) : count.format(value);
  }

  draw('revenue', 'bar', reports.revenue.map((r) => r.key), [{ label: 'Collected', data: reports.revenue.map((r) => r.amount), backgroundColor: '#1f6feb' }],
    { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money.format(c.raw) } } }, scales: { y: { ticks: { callback: (v) => money.format(v) } } } });
  draw('aging', 'bar', reports.aging.map((b) => b.label), [{ label: 'Open balance', data: reports.aging.map((b) => b.openBalance), backgroundColor: AGING_COLOURS }],
    { plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => money.format(c.raw) } } }, scales: { y: { ticks: { callback: (v) => money.format(v) } } } });
  draw('status', 'doughnut', reports.clients.map((c) => c.label), [{ data: reports.clients.map((c) => c.clients), backgroundColor: reports.clients.map((c) => STATUS_COLOURS[c.key] ?? '#adb5bd') }],
    { plugins: { legend: { position: 'bottom' } } });
}

function draw(name, type, labels, datasets, options) {
  charts[name]?.destroy();
  charts[name] = new Chart(document.getElementById(`chart-${name}`), {
    type, data: { labels, datasets }, options: { animation: false, maintainAspectRatio: false, ...options },
  });
}

$('#signin-form').addEventListener('submit', (e) => signIn(e).catch((err) => { $('#signin-error').textContent = String(err); }));
$('#signout').addEventListener('click', signOut);
$('#refresh').addEventListener('click', load);
load();
