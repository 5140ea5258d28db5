/**
 * The README's pictures are of the current code: `docs/images/manifest.json` must match what the
 * sources call for now. Stale → run `npm test -- browser`, then `npm run screenshots`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { currentManifest, IMAGES_DIR, MANIFEST, readManifest, SHOTS, shotHash, stalePictures } from '../screenshots.ts';

const root = fileURLToPath(new URL('../../../..', import.meta.url));

test('docs/images/manifest.json shows the current sources (else: npm test -- browser, then npm run screenshots)', () => {
  const stale = stalePictures(currentManifest(root), readManifest(join(root, IMAGES_DIR, MANIFEST)));
  assert.deepEqual(stale, [], `stale pictures: ${stale.join(', ')} — run npm test -- browser, then npm run screenshots`);
});

test('every picture is in docs/images/; the README shows its pictures, docs/settings-page.md every scenario', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const settingsPage = readFileSync(join(root, 'docs/settings-page.md'), 'utf8');
  for (const shot of SHOTS) {
    assert.ok(existsSync(join(root, IMAGES_DIR, shot.file)), `${IMAGES_DIR}/${shot.file} exists`);
    if (shot.readme) assert.ok(readme.includes(`](${IMAGES_DIR}/${shot.file})`), `README shows ${shot.file}`);
    if ('scenario' in shot) assert.ok(settingsPage.includes(`](images/${shot.file})`), `docs/settings-page.md shows ${shot.file}`);
  }
  assert.ok(SHOTS.filter((shot) => shot.readme).length >= 4, 'the README shows the admin, the rep and the workbench');
});

test('stalePictures: a changed or missing entry is stale; an equal one is not', () => {
  assert.deepEqual(stalePictures({ 'a.png': '1', 'b.png': '2', 'c.png': '3' }, { 'a.png': '1', 'b.png': 'old' }), ['b.png', 'c.png']);
  assert.deepEqual(stalePictures({ 'a.png': '1' }, { 'a.png': '1', 'gone.png': '9' }), []);
});

test('a picture’s hash covers its scenario: admin and rep pictures differ; an unknown scenario is an error', () => {
  const [admin, rep] = SHOTS;
  assert.ok(admin && rep);
  assert.notEqual(shotHash(root, admin), shotHash(root, rep));
  assert.throws(() => shotHash(root, { file: 'x.png', scenario: 'nope', caption: '' }), /unknown scenario nope/);
});
