// Drives the emulator with node-routeros 1.6.9, a client written by someone else.
// node-routeros throws on "!empty" and encodes words in windows-1252, so the emulator must run with
// --no-empty --encoding windows-1252 (run.sh does that).
'use strict';
const assert = require('node:assert/strict');
const { RouterOSAPI } = require('node-routeros');

const port = Number(process.env.ROS_PORT || 18728);
const password = process.env.ROS_PASSWORD || 'secret';

async function expectTrap(promise, message) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.message, message);
    return true;
  });
}

async function main() {
  const api = new RouterOSAPI({ host: '127.0.0.1', port, user: 'admin', password, timeout: 10 });
  await api.connect();

  const [identity] = await api.write('/system/identity/print');
  assert.equal(identity.name, 'MikroTik');
  const [resource] = await api.write('/system/resource/print');
  assert.match(resource.version, /^7\./);

  const [profile] = await api.write('/ppp/profile/add', ['=name=10M', '=rate-limit=10M/10M 12M/12M']);
  assert.match(profile.ret, /^\*[0-9A-F]+$/);

  const [added] = await api.write('/ppp/secret/add', [
    '=name=alice', '=password=p=w', '=service=pppoe', '=profile=10M', '=comment=a=b Café',
  ]);
  const id = added.ret;
  await expectTrap(api.write('/ppp/secret/add', ['=name=alice']), 'failure: secret with the same name already exists');
  await expectTrap(api.write('/ppp/secret/add', ['=name=bob', '=profile=nope']), 'input does not match any value of profile');
  await expectTrap(api.write('/ppp/secret/remove', ['=.id=*FFFF']), 'no such item');

  let [alice] = await api.write('/ppp/secret/print', ['=.proplist=.id,name,password,comment,disabled', '?name=alice']);
  assert.deepEqual(alice, { '.id': id, name: 'alice', password: 'p=w', comment: 'a=b Café', disabled: 'false' });

  await api.write('/ppp/secret/set', [`=.id=${id}`, '=disabled=yes']);
  [alice] = await api.write('/ppp/secret/print', ['?name=alice']);
  assert.equal(alice.disabled, 'true');

  // E3: service is an enum, profile a reference; both trap before the name is looked at.
  await expectTrap(api.write('/ppp/secret/add', ['=name=carol', '=service=bogus']), 'input does not match any value of service');
  await expectTrap(api.write('/ppp/secret/add', ['=name=alice', '=service=bogus']), 'input does not match any value of service');
  await expectTrap(api.write('/ppp/secret/set', [`=.id=${id}`, '=profile=nope']), 'input does not match any value of profile');
  for (const service of ['any', 'async', 'l2tp', 'ovpn', 'pppoe', 'pptp', 'sstp']) {
    await api.write('/ppp/secret/add', [`=name=svc-${service}`, `=service=${service}`]);
  }
  assert.equal((await api.write('/ppp/secret/print', ['?service=sstp'])).length, 1);

  // E1: names are bytes. 0xFF and 0xFE (ÿ, þ in windows-1252) are invalid UTF-8 on their own; they must stay
  // two different secrets and come back unchanged. € is 0x80, é 0xE9.
  for (const name of ['kÿ', 'kþ', 'josé', '€uro']) {
    await api.write('/ppp/secret/add', [`=name=${name}`, `=comment=${name}`]);
  }
  for (const name of ['kÿ', 'kþ', 'josé', '€uro']) {
    const items = await api.write('/ppp/secret/print', [`?name=${name}`]);
    assert.equal(items.length, 1, name);
    assert.equal(items[0].name, name);
    assert.equal(items[0].comment, name);
  }
  await expectTrap(api.write('/ppp/secret/add', ['=name=kÿ']), 'failure: secret with the same name already exists');

  // E2: an item's name works where an id is expected, in .id= and numbers= (a comma list may mix both).
  await api.write('/ppp/secret/set', ['=numbers=kÿ', '=disabled=yes']);
  await api.write('/ppp/secret/set', ['=.id=kþ', '=comment=by name']);
  const [ky] = await api.write('/ppp/secret/print', ['?name=kÿ']);
  const [kp] = await api.write('/ppp/secret/print', ['?name=kþ']);
  assert.equal(ky.disabled, 'true');
  assert.equal(kp.comment, 'by name');
  await api.write('/ppp/secret/remove', [`=numbers=${ky['.id']},kþ`]);
  assert.deepEqual(await api.write('/ppp/secret/print', ['?name=kþ']), []);
  await expectTrap(api.write('/ppp/secret/remove', ['=numbers=nobody']), 'no such item');

  assert.deepEqual(await api.write('/ppp/secret/print', ['?name=nobody']), []);
  assert.deepEqual(await api.write('/ppp/active/print'), []);

  // node-routeros tags every command, so these run concurrently on one connection.
  const names = Array.from({ length: 200 }, (_, i) => `user${i}`);
  const ids = await Promise.all(names.map((name) => api.write('/ppp/secret/add', [`=name=${name}`, `=comment=${'x'.repeat(i(name))}`])));
  assert.equal(new Set(ids.map(([r]) => r.ret)).size, 200);
  const found = await Promise.all(names.map((name) => api.write('/ppp/secret/print', [`?name=${name}`])));
  found.forEach(([item], index) => assert.equal(item.name, names[index]));

  const long = 'y'.repeat(20000);
  await api.write('/ppp/secret/add', ['=name=long', `=comment=${long}`]);
  const [longItem] = await api.write('/ppp/secret/print', ['?name=long']);
  assert.equal(longItem.comment, long);

  await api.write('/ppp/secret/remove', [`=.id=${id}`]);
  assert.deepEqual(await api.write('/ppp/secret/print', ['?name=alice']), []);

  await api.close();
  console.log(`crosscheck passed against port ${port}`);
}

// Comment lengths cross the 1-byte/2-byte length-prefix boundary.
function i(name) {
  return Number(name.slice(4)) + 100;
}

main().catch((error) => {
  console.error('crosscheck FAILED:', error);
  process.exit(1);
});
