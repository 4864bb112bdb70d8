// Opens Banana Cake Pop at /graphql of a running host in headless Chromium, sets the bearer token the way a
// person does (the document's "HTTP Headers" tab), runs a query and checks the answer. Starts nothing itself.
//   MIKRONET_URL=http://127.0.0.1:5190 MIKRONET_TOKEN=<bearer token> node graphql-ide.mjs
// Writes graphql-ide.png (the IDE after the run) beside this script.
import { chromium } from 'playwright-core';
import { runInIde } from './bcp.mjs';

const base = process.env.MIKRONET_URL ?? 'http://127.0.0.1:5080';
const token = process.env.MIKRONET_TOKEN;
if (!token) {
  console.error('Set MIKRONET_TOKEN to a bearer token (POST /auth/login).');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const answers = [];
  page.on('response', async (r) => {
    if (r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/graphql')) {
      answers.push({ status: r.status(), body: await r.text().catch(() => ''), sent: r.request().postData(), headers: r.request().headers() });
    }
  });

  await runInIde(page, base, token, 'query Check { me { username role } clients(first: 3) { totalCount nodes { clientId name status } } }');

  const deadline = Date.now() + 15000;
  let answer;
  while (!(answer = answers.find((a) => (a.sent ?? '').includes('query Check'))) && Date.now() < deadline) await page.waitForTimeout(250);
  await page.waitForTimeout(1000);
  await page.screenshot({ path: new URL('./graphql-ide.png', import.meta.url).pathname });

  if (!answer || answer.status !== 200) {
    console.error('FAIL: no successful answer to the query', answers.map((a) => [a.status, a.body.slice(0, 300), (a.sent ?? '').slice(0, 200), a.headers.authorization ? 'with token' : 'no token']));
    process.exitCode = 1;
  } else {
    const shown = await page.locator('.monaco-editor').nth(1).innerText();
    const schemaLoaded = answers.some((a) => a.status === 200 && a.body.includes('"__schema"'));
    const ok = shown.includes('"username"') && shown.includes('"clients"') && schemaLoaded;
    console.log(`${ok ? 'OK' : 'FAIL'}: Banana Cake Pop loaded the schema: ${schemaLoaded}; ran the query: HTTP ${answer.status}; response pane shows the data: ${shown.includes('"clients"')}`);
    console.log(answer.body.slice(0, 300));
    if (!schemaLoaded) console.log(answers.map((a) => [a.status, a.headers.authorization ? 'token' : 'none', (a.sent ?? '').slice(0, 80), a.body.slice(0, 200)]));
    process.exitCode = ok ? 0 : 1;
  }
} finally {
  await browser.close();
}
