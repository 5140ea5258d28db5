import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { codeOf, cycleProblems, cyclesOf, featureUses } from '../feature-dependencies.ts';

const repo = fileURLToPath(new URL('../../../..', import.meta.url));

/** A tree of Apex files, path → source. */
function usesOf(tree: Record<string, string>) {
  return featureUses('/unused', Object.keys(tree), (path) => tree[path] ?? '');
}

test('the feature folders of force-app/main have no cycle beyond the known ones, and every known one still exists', () => {
  assert.deepEqual(cycleProblems(featureUses(repo)), []);
});

test('a seeded cycle is found and named with the uses that make it', () => {
  const tree = {
    'force-app/main/alpha/classes/AlphaService.cls': 'public class AlphaService { void run() { BetaSelector.read(); } }',
    'force-app/main/beta/classes/BetaSelector.cls': 'public class BetaSelector { static void read() { alphaservice.run(); } }',
    'force-app/main/gamma/classes/Gamma.cls': 'public class Gamma { void x() { AlphaService a; } }',
  };
  const uses = usesOf(tree);
  assert.deepEqual(cyclesOf(uses), [['alpha', 'beta']], 'case-insensitive names, one cycle; gamma only uses alpha');
  const problems = cycleProblems(uses, []);
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /alpha ↔ beta; e\.g\. force-app\/main\/alpha\/classes\/AlphaService\.cls → BetaSelector \(beta\)/);
  assert.deepEqual(cycleProblems(uses, [['beta', 'alpha']]), [], 'a known cycle, in any order, passes');
});

test('a longer cycle is one component', () => {
  const tree = {
    'force-app/main/a/classes/A1.cls': 'class A1 { B1 b; }',
    'force-app/main/b/classes/B1.cls': 'class B1 { C1 c; }',
    'force-app/main/c/triggers/CTrigger.trigger': 'trigger CTrigger on Task (before insert) { A1.go(); }',
    'force-app/main/c/classes/C1.cls': 'class C1 { }',
  };
  assert.deepEqual(cyclesOf(usesOf(tree)), [['a', 'b', 'c']]);
});

test('names in comments and strings are no dependency; a known cycle that is gone must leave the list', () => {
  const tree = {
    'force-app/main/alpha/classes/Alpha.cls': "class Alpha { /* Beta */ // Beta\n String s = 'Beta'; }",
    'force-app/main/beta/classes/Beta.cls': 'class Beta { Alpha a; }',
  };
  assert.equal(codeOf("x /* a */ y // b\n 'c'"), "x   y  \n ''");
  assert.deepEqual(cyclesOf(usesOf(tree)), []);
  assert.deepEqual(cycleProblems(usesOf(tree), [['alpha', 'beta']]), [
    'the known cycle alpha ↔ beta is gone: remove it from KNOWN_CYCLES',
  ]);
});
