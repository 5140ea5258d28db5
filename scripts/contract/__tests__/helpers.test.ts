/** Unit tests of the small helpers the rules and tools share. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCodeUnits } from '../compare.ts';
import { idempotencyKey } from '../idempotency-key.ts';
import { fromPointer, getAt, resolveLocal, toPointer } from '../json-pointer.ts';
import { isValidId18, to18 } from '../salesforce-id.ts';
import { cutCodeUnits, unknownTokens } from '../subject-template.ts';

test('salesforce-id › 15 → 18 characters (known pair)', () => {
  // Worked example: in chunk 3 ('Gv7qJ') only G (bit 0) and J (bit 4) are upper case: 1 + 16 = 17 → 'R'.
  assert.equal(to18('0015000000Gv7qJ'), '0015000000Gv7qJAAR');
  assert.equal(to18('0015000000Gv7qJAAR'), '0015000000Gv7qJAAR');
  assert.ok(isValidId18('00D5g000004ABCDEA4'));
  assert.ok(!isValidId18('00D5g000004ABCDEAA'));
  assert.throws(() => to18('too-short'));
});

test('compare › code-unit order is case-sensitive, not locale order', () => {
  assert.ok(compareCodeUnits('A', 'a') < 0);
  assert.ok(compareCodeUnits('Z', 'a') < 0);
  assert.ok(compareCodeUnits('b', 'B') > 0);
  assert.equal(compareCodeUnits('x', 'x'), 0);
});

test('idempotency-key › joins org, record and sequence; refuses bad sequences', () => {
  assert.equal(idempotencyKey('00D5g000004ABCDEA4', '00T5g00000AbCdEEAV', 3), '00D5g000004ABCDEA4:00T5g00000AbCdEEAV:3');
  assert.throws(() => idempotencyKey('o', 't', 0));
  assert.throws(() => idempotencyKey('o', 't', 1.5));
});

test('json-pointer › round trip and local $ref resolution', () => {
  const segments = ['paths', '/v1/task-changes', 'post', 'a~b'];
  assert.equal(toPointer(segments), '/paths/~1v1~1task-changes/post/a~0b');
  assert.deepEqual(fromPointer(toPointer(segments)), segments);
  const root = { a: { $ref: '#/b' }, b: { $ref: '#/c' }, c: { value: 1 } };
  assert.deepEqual(resolveLocal(root, root.a, '/a'), { node: { value: 1 }, pointer: '/c' });
  assert.equal(getAt(root, '/c/value'), 1);
  assert.throws(() => resolveLocal(root, { $ref: 'other.yaml#/x' }, '/z'));
});

test('subject-template › cut never leaves half a surrogate pair', () => {
  assert.equal(cutCodeUnits('ab😀', 3), 'ab');
  assert.equal(cutCodeUnits('ab😀', 4), 'ab😀');
  assert.equal(cutCodeUnits('abc', 5), 'abc');
  assert.deepEqual(unknownTokens('{{activity_type}} {{x}} {{x}} {{y}}'), ['x', 'y']);
});
