import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findJava, findOnPath, parseJavaMajorVersion } from '../java.ts';

test('parseJavaMajorVersion reads the usual `java -version` outputs', () => {
  const cases: [string, number | undefined][] = [
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', 17],
    ['openjdk version "25.0.3" 2026-04-21 LTS\nOpenJDK Runtime Environment Temurin-25.0.3+9', 25],
    ['java version "1.8.0_292"\nJava(TM) SE Runtime Environment (build 1.8.0_292-b10)', 8],
    ['openjdk version "21" 2023-09-19\nOpenJDK Runtime Environment (build 21+35)', 21],
    ['openjdk version "26-ea" 2026-03-17', 26],
    ['Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8\nopenjdk version "21.0.4" 2024-07-16', 21],
    ['java: command not found', undefined],
    ['', undefined],
  ];
  for (const [output, expected] of cases) assert.equal(parseJavaMajorVersion(output), expected, output);
});

/** Asserts a prefix, showing both texts' starts when it differs. */
function assertStartsWith(actual: string, prefix: string): void {
  assert.equal(actual.slice(0, prefix.length), prefix);
}

/** A fake JDK whose `bin/java -version` prints the given version line. */
async function fakeJdk(dir: string, versionLine: string): Promise<string> {
  const bin = path.join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  const java = path.join(bin, 'java');
  await writeFile(java, `#!/bin/sh\necho '${versionLine}' >&2\n`);
  await chmod(java, 0o755);
  return java;
}

test('findJava prefers JAVA_HOME ≥ 21, else the newest ≥ 21 under the JVM folder, else explains', async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'java-test-'));
  try {
    const jvm = path.join(tmp, 'jvm');
    await fakeJdk(path.join(jvm, 'java-17-openjdk-amd64'), 'openjdk version "17.0.15" 2025-04-15');
    const java21 = await fakeJdk(path.join(jvm, 'java-21-openjdk-amd64'), 'openjdk version "21.0.4" 2024-07-16');
    const java25 = await fakeJdk(path.join(jvm, 'temurin-25-jdk-amd64'), 'openjdk version "25.0.3" 2026-04-21 LTS');
    await mkdir(path.join(jvm, 'not-a-jdk'));

    // No JAVA_HOME: the newest one that is ≥ 21.
    const newest = await findJava({ env: {}, jvmRoot: jvm });
    assert.equal(newest.ok, true);
    if (newest.ok) {
      assert.equal(newest.path, java25);
      assert.equal(newest.major, 25);
    }

    // JAVA_HOME ≥ 21 wins even when a newer JDK is installed.
    const home = await findJava({ env: { JAVA_HOME: path.join(jvm, 'java-21-openjdk-amd64') }, jvmRoot: jvm });
    assert.equal(home.ok && home.path, java21);

    // JAVA_HOME too old: falls back to the JVM folder.
    const fallback = await findJava({ env: { JAVA_HOME: path.join(jvm, 'java-17-openjdk-amd64') }, jvmRoot: jvm });
    assert.equal(fallback.ok && fallback.path, java25);

    // Nothing recent enough: one line naming what was found, with its version, and the install command.
    const onlyOld = path.join(tmp, 'old');
    const old17 = await fakeJdk(path.join(onlyOld, 'java-17-openjdk-amd64'), 'openjdk version "17.0.15" 2025-04-15');
    const missing = await findJava({ env: { JAVA_HOME: path.join(tmp, 'nojdk') }, jvmRoot: onlyOld });
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.equal(
        missing.message,
        `No Java ≥ 21 (found: JAVA_HOME=${path.join(tmp, 'nojdk')} without bin/java, ${old17} 17). ` +
          'Install one: sudo apt-get install -y openjdk-21-jdk-headless ' +
          '(or set JAVA_HOME to a JDK 21+; Debian 12 has no such package: unpack a Temurin JDK under /usr/lib/jvm).',
      );
      assert.doesNotMatch(missing.message, /\n/);
    }

    // A JAVA_HOME too old is named as such, once (it is also the JVM folder's only JDK).
    const oldHome = await findJava({ env: { JAVA_HOME: path.join(onlyOld, 'java-17-openjdk-amd64') }, jvmRoot: onlyOld });
    assert.equal(oldHome.ok, false);
    if (!oldHome.ok) assertStartsWith(oldHome.message, `No Java ≥ 21 (found: JAVA_HOME ${old17} 17). Install one: `);

    // A lower minimum accepts what is there.
    const eleven = await findJava({ env: {}, jvmRoot: onlyOld, minimumMajor: 11 });
    assert.equal(eleven.ok && eleven.major, 17);

    // No JAVA_HOME, no JVM folder, no java on PATH.
    const none = await findJava({ env: {}, jvmRoot: path.join(tmp, 'absent') });
    assert.equal(none.ok, false);
    if (!none.ok)
      assert.match(none.message, /^No Java ≥ 21 \(found: none in JAVA_HOME, .*absent\/\*\/bin or PATH\)\. Install one: sudo apt-get/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('findJava tries the java on PATH last: taken when ≥ 21, named in the message when older', async () => {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'java-path-test-'));
  try {
    const jvm = path.join(tmp, 'jvm');
    const installed17 = await fakeJdk(path.join(jvm, 'java-17-openjdk-amd64'), 'openjdk version "17.0.15" 2025-04-15');
    const onPath21 = await fakeJdk(path.join(tmp, 'path21'), 'openjdk version "21.0.4" 2024-07-16');
    const onPath17 = await fakeJdk(path.join(tmp, 'path17'), 'openjdk version "17.0.2" 2022-01-18');
    const emptyBin = path.join(tmp, 'empty');
    await mkdir(emptyBin);

    // findOnPath takes the first executable along PATH, skipping folders without one.
    const pathValue = [emptyBin, path.dirname(onPath21), path.dirname(onPath17)].join(path.delimiter);
    assert.equal(await findOnPath('java', pathValue), onPath21);
    assert.equal(await findOnPath('java', emptyBin), undefined);
    assert.equal(await findOnPath('java', undefined), undefined);

    // The JVM folder has only 17: the PATH java (21) is used, read from env.PATH by default.
    const viaPath = await findJava({ env: { PATH: pathValue }, jvmRoot: jvm });
    assert.equal(viaPath.ok && viaPath.path, onPath21);

    // A ≥ 21 under the JVM folder wins over the PATH java.
    const java25 = await fakeJdk(path.join(tmp, 'jvm25', 'temurin-25-jdk-amd64'), 'openjdk version "25.0.3" 2026-04-21 LTS');
    const preferJvm = await findJava({ env: {}, jvmRoot: path.join(tmp, 'jvm25'), pathJava: () => Promise.resolve(onPath21) });
    assert.equal(preferJvm.ok && preferJvm.path, java25);

    // All too old: both are named, the PATH one last.
    const old = await findJava({ env: {}, jvmRoot: jvm, pathJava: () => Promise.resolve(onPath17) });
    assert.equal(old.ok, false);
    if (!old.ok) assertStartsWith(old.message, `No Java ≥ 21 (found: ${installed17} 17, ${onPath17} 17). Install one: `);

    // The PATH java being a JDK already probed (Debian's /usr/bin/java → /usr/lib/jvm/…) is named once.
    const same = await findJava({ env: {}, jvmRoot: jvm, pathJava: () => Promise.resolve(installed17) });
    assert.equal(same.ok, false);
    if (!same.ok) assertStartsWith(same.message, `No Java ≥ 21 (found: ${installed17} 17). Install one: `);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('findJava on this machine finds a Java ≥ 21 or says how to get one', async () => {
  const java = await findJava();
  if (java.ok) assert.ok(java.major >= 21, `${java.path} is ${java.major}`);
  else assert.match(java.message, /^No Java ≥ 21 \(found: .*\)\. Install one: sudo apt-get install -y openjdk-21-jdk-headless [^\n]*$/);
});
