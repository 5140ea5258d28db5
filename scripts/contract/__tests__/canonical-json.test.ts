/**
 * Rule keyReuse: canonical JSON edge cases that the shared vectors do not pin
 * down (deep key order, code-unit order, escapes, no mutation, non-JSON input).
 * The vectors themselves run in vectors-rules.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson, canonicalPayload, keyReuseAnswer } from '../canonical-json.ts';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

test('canonicalJson › members sorted at every level, arrays kept in order, no whitespace', () => {
  const value = { b: { d: 1, c: [{ f: 1, e: [3, 2, { h: true, g: false }] }, 'x'] }, a: null, '': 0 };
  assert.equal(canonicalJson(value), '{"":0,"a":null,"b":{"c":[{"e":[3,2,{"g":false,"h":true}],"f":1},"x"],"d":1}}');
  assert.equal(canonicalJson([]), '[]');
  assert.equal(canonicalJson({}), '{}');
  assert.equal(canonicalJson('s'), '"s"');
});

test('canonicalJson › keys in UTF-16 code-unit order, not numeric, locale or code-point order', () => {
  // Integer-like keys come first in JavaScript's own key order; sorting must undo that.
  const value = { z: 1, a: 1, Z: 1, é: 1, '9': 1, '10': 1, '\uffff': 1, '😀': 1, B: 1 };
  // Python's sort_keys would put U+FFFF before 😀 (code points); the README says code units.
  assert.equal(canonicalJson(value), '{"10":1,"9":1,"B":1,"Z":1,"a":1,"z":1,"é":1,"😀":1,"\uffff":1}');
});

test('canonicalJson › strings escaped as JSON.stringify escapes them', () => {
  let all = '';
  for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
  all += 'é🚀\u2028\u2029\u00a0';
  assert.equal(canonicalJson(all), JSON.stringify(all));
  assert.equal(canonicalJson('\u0001\u001f'), '"\\u0001\\u001f"', 'lowercase hex');
  assert.equal(canonicalJson('"\\\b\f\n\r\t'), '"\\"\\\\\\b\\f\\n\\r\\t"');
  assert.equal(canonicalJson('é🚀\u007f'), '"é🚀\u007f"', 'non-ASCII and DEL literal');
  assert.equal(canonicalJson({ 'k"\n': 1 }), '{"k\\"\\n":1}', 'keys escaped alike');
});

test('canonicalJson › integers in decimal; -0 is 0', () => {
  assert.equal(
    canonicalJson([0, -0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]),
    '[0,0,1,-1,9007199254740991,-9007199254740991]',
  );
});

test('canonicalJson › refuses what is not JSON, naming where', () => {
  class Point {
    x = 1;
  }
  const cases: [unknown, RegExp][] = [
    [undefined, /\$ is undefined/],
    [{ a: { b: undefined } }, /\$\.a\.b is undefined/],
    [{ a: Number.NaN }, /\$\.a is NaN/],
    [[Number.POSITIVE_INFINITY], /\$\[0\] is Infinity/],
    [{ n: -Infinity }, /\$\.n is -Infinity/],
    [{ n: 1.5 }, /\$\.n is 1\.5, not a safe integer/],
    [{ n: 2 ** 53 }, /not a safe integer/],
    [{ n: 1e21 }, /not a safe integer/],
    [{ n: 10n }, /\$\.n is bigint/],
    [{ f: () => 1 }, /\$\.f is function/],
    [{ s: Symbol('s') }, /\$\.s is symbol/],
    [{ d: new Date(0) }, /\$\.d is \[object Date\]/],
    [new Map(), /\$ is \[object Map\]/],
    [new Point(), /not a plain JSON object/],
    [[1, , 3], /\$\[1\] is undefined/],
  ];
  for (const [value, message] of cases) assert.throws(() => canonicalJson(value), message);
});

test('canonicalJson › objects without a prototype and own __proto__ members are JSON objects', () => {
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
  assert.equal(canonicalJson(bare), '{"a":2,"b":1}');
  const parsed = JSON.parse('{"__proto__":{"x":1},"a":1}') as unknown;
  assert.equal(canonicalJson(parsed), '{"__proto__":{"x":1},"a":1}');
  assert.equal(canonicalPayload(parsed, 'taskChange'), '{"__proto__":{"x":1},"a":1}');
});

test('canonicalPayload › a Task change drops its top-level ownerEmail only, without mutating the item', () => {
  const item = deepFreeze({
    sequence: 3,
    ownerEmail: 'rep@example.com',
    fields: { ownerEmail: 'kept@example.com', subject: 'x' },
  });
  const before = structuredClone(item);
  assert.equal(canonicalPayload(item, 'taskChange'), '{"fields":{"ownerEmail":"kept@example.com","subject":"x"},"sequence":3}');
  assert.deepEqual(item, before);
  assert.equal(item.ownerEmail, 'rep@example.com');
  assert.equal(
    canonicalPayload(item, 'userSettings'),
    '{"fields":{"ownerEmail":"kept@example.com","subject":"x"},"ownerEmail":"rep@example.com","sequence":3}',
  );
});

test('canonicalPayload › an ownerEmail of null or of another type is dropped all the same', () => {
  assert.equal(canonicalPayload({ ownerEmail: null, a: 1 }, 'taskChange'), '{"a":1}');
  assert.equal(canonicalPayload({ ownerEmail: { x: Number.NaN }, a: 1 }, 'taskChange'), '{"a":1}', 'a dropped member is not written');
  assert.equal(canonicalPayload([{ ownerEmail: 'x' }], 'taskChange'), '[{"ownerEmail":"x"}]', 'only a top-level object member');
});

test('keyReuseAnswer › equal canonical payloads are a duplicate; anything else is rejected', () => {
  const first = { sequence: 3, ownerEmail: 'a@example.com', fields: { subject: 'x', isClosed: false } };
  assert.deepEqual(
    keyReuseAnswer(first, { fields: { isClosed: false, subject: 'x' }, sequence: 3, ownerEmail: 'b@example.com' }, 'taskChange'),
    {
      canonicalFirst: '{"fields":{"isClosed":false,"subject":"x"},"sequence":3}',
      canonicalSecond: '{"fields":{"isClosed":false,"subject":"x"},"sequence":3}',
      status: 'duplicate',
      reason: null,
    },
  );
  const second = { ...first, ownerEmail: 'b@example.com' };
  assert.equal(keyReuseAnswer(first, second, 'userSettings').status, 'rejected', 'userSettings keeps every member');
  const reordered = keyReuseAnswer({ list: [1, 2] }, { list: [2, 1] }, 'taskChange');
  assert.deepEqual([reordered.status, reordered.reason], ['rejected', 'IDEMPOTENCY_KEY_REUSED'], 'array order counts');
});
