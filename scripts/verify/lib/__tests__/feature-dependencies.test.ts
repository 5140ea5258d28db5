import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { codeOf, cycleProblems, cyclesOf, featureFolders, featureUses, pictureLayers, pictureProblems } from '../feature-dependencies.ts';

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
    'force-app/main/gamma/classes/Gamma.cls': 'public class Gamma { void x() { AlphaService a; Database.BetaSelector b; } }',
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

test("docs/architecture.md's picture draws every feature folder once and every use runs down it", () => {
  const layers = pictureLayers(readFileSync(`${repo}/docs/architecture.md`, 'utf8'));
  assert.ok(layers.length >= 5, `the picture has layers: ${JSON.stringify(layers)}`);
  assert.deepEqual(pictureProblems(featureUses(repo), featureFolders(repo), layers), []);
});

test('a picture that leaves out a folder, draws one twice, or lets a use run up or sideways is wrong', () => {
  const markdown = [
    '## Which folder may use which',
    '',
    '```',
    ' top                the page',
    '   │',
    ' middle · side      two side by side',
    '   │',
    ' bottom · top       helpers',
    '```',
  ].join('\n');
  const layers = pictureLayers(markdown);
  assert.deepEqual(layers, [['top'], ['middle', 'side'], ['bottom', 'top']]);
  const uses = usesOf({
    'force-app/main/top/classes/Top.cls': 'class Top { Middle m; }',
    'force-app/main/middle/classes/Middle.cls': 'class Middle { Side s; Bottom b; }',
    'force-app/main/side/classes/Side.cls': 'class Side { }',
    'force-app/main/bottom/classes/Bottom.cls': 'class Bottom { Middle m; }',
  });
  assert.deepEqual(pictureProblems(uses, ['top', 'middle', 'side', 'bottom', 'extra'], layers), [
    'the picture draws top twice',
    'the picture leaves out the folder extra: add it to docs/architecture.md',
    'top → middle runs up the picture (e.g. force-app/main/top/classes/Top.cls → Middle): move the class or redraw docs/architecture.md',
    'middle → side runs sideways the picture (e.g. force-app/main/middle/classes/Middle.cls → Side): move the class or redraw docs/architecture.md',
    'bottom → middle runs up the picture (e.g. force-app/main/bottom/classes/Bottom.cls → Middle): move the class or redraw docs/architecture.md',
  ]);
});
