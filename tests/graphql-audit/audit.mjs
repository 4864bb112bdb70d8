// Runs graphql-http's GraphQL-over-HTTP server audits against a running host (this script starts nothing).
//   MIKRONET_URL=http://127.0.0.1:5190 MIKRONET_TOKEN=<bearer token> node audit.mjs
// Exit code 1 when a MUST audit fails; SHOULD/MAY results are printed for information.
import { serverAudits } from 'graphql-http';

const base = process.env.MIKRONET_URL ?? 'http://127.0.0.1:5080';
const token = process.env.MIKRONET_TOKEN;
if (!token) {
  console.error('Set MIKRONET_TOKEN to a bearer token (POST /auth/login).');
  process.exit(2);
}

const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const counts = { ok: 0, warn: 0, error: 0 };
let mustFailed = 0;
for (const audit of serverAudits({ url: `${base}/graphql`, fetchFn })) {
  const result = await audit.fn();
  counts[result.status]++;
  const level = audit.name.split(' ')[0];
  if (result.status !== 'ok' && level === 'MUST') mustFailed++;
  const mark = result.status === 'ok' ? 'ok  ' : result.status === 'warn' ? 'WARN' : 'FAIL';
  console.log(`${mark} ${audit.name}${result.status === 'ok' ? '' : ` — ${result.reason}`}`);
}
console.log(`\n${counts.ok} ok, ${counts.warn} warnings, ${counts.error} errors; MUST failures: ${mustFailed}`);
process.exit(mustFailed === 0 ? 0 : 1);
