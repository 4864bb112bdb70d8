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
