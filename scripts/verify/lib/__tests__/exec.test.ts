import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, plain, withoutColour } from '../exec.ts';

test('tools run with colour off, whatever CI sets', () => {
  const env = withoutColour({ CI: 'true', FORCE_COLOR: '3', PATH: '/usr/bin' });
  assert.equal(env['NO_COLOR'], '1');
  assert.equal(env['FORCE_COLOR'], '0');
  assert.equal(env['CI'], 'true');
  assert.equal(env['PATH'], '/usr/bin');
});

test('captured output loses its escape codes, so parsers see the text', async () => {
  assert.equal(plain('[\u001b[33mwarn\u001b[39m] force-app/a.cls'), '[warn] force-app/a.cls');
  const result = await exec(
    process.execPath,
    ['-e', 'process.stdout.write("\\u001b[31mred\\u001b[39m"); console.error("\\u001b[1mbold\\u001b[22m")'],
    {
      cwd: process.cwd(),
    },
  );
  assert.equal(result.code, 0);
  assert.equal(result.stdout, 'red');
  assert.equal(result.stderr.trim(), 'bold');
});

test('a coloured child sees FORCE_COLOR=0 even when the caller forces colour', async () => {
  const result = await exec(
    process.execPath,
    ['-e', 'process.stdout.write(String(process.env.FORCE_COLOR) + "," + String(process.env.NO_COLOR))'],
    {
      cwd: process.cwd(),
      env: { ...process.env, FORCE_COLOR: '1' },
    },
  );
  assert.equal(result.stdout, '0,1');
});
