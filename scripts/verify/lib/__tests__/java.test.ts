import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findJava, parseJavaMajorVersion } from '../java.ts';

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

    // Nothing recent enough: the message says what was found and how to fix it.
    const onlyOld = path.join(tmp, 'old');
    await fakeJdk(path.join(onlyOld, 'java-17-openjdk-amd64'), 'openjdk version "17.0.15" 2025-04-15');
    const missing = await findJava({ env: { JAVA_HOME: path.join(onlyOld, 'java-17-openjdk-amd64') }, jvmRoot: onlyOld });
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.match(missing.message, /No Java 21 or newer found/);
      assert.match(missing.message, /JAVA_HOME=.*is Java 17/);
      assert.match(missing.message, /Install a JDK 21\+/);
      assert.match(missing.message, /set JAVA_HOME/);
    }

    // A lower minimum accepts what is there.
    const eleven = await findJava({ env: {}, jvmRoot: onlyOld, minimumMajor: 11 });
    assert.equal(eleven.ok && eleven.major, 17);

    // No JVM folder at all.
    const none = await findJava({ env: {}, jvmRoot: path.join(tmp, 'absent') });
    assert.equal(none.ok, false);
    if (!none.ok) assert.match(none.message, /JAVA_HOME is not set; .*absent does not exist/);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
});

test('findJava on this machine finds a Java ≥ 21 or says how to get one', async () => {
  const java = await findJava();
  if (java.ok) assert.ok(java.major >= 21, `${java.path} is ${java.major}`);
  else assert.match(java.message, /Install a JDK 21\+.*JAVA_HOME/s);
});
