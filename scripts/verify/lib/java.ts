/**
 * Finds a Java runtime recent enough for the offline Apex tools.
 *
 * apex-ls 5.3 (the `apex-semantics` gate) needs Java ≥ 21; the Code Analyzer engines
 * (PMD 7, Graph Engine) need Java ≥ 11. The default `java` on these machines is 17, so the
 * lookup does not start from `PATH`: it tries `$JAVA_HOME/bin/java` first, then every
 * `/usr/lib/jvm/<jdk>/bin/java` (newest first), and last the `java` found on `PATH`, asking
 * each one its version with `java -version`. `.ci/run` does the same in bash, with the same
 * one-line message when none is recent enough.
 */
import { access, readdir, realpath } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import { exec } from './exec.ts';

/** The Java version apex-ls 5.3 needs. */
export const APEX_LS_MINIMUM_JAVA = 21;

/** Where Debian/Ubuntu (and the Temurin packages) install JDKs. */
export const DEFAULT_JVM_ROOT = '/usr/lib/jvm';

/** A usable Java: its executable, its major version and where it was found. */
export interface JavaFound {
  readonly ok: true;
  /** Absolute path of the `java` executable. */
  readonly path: string;
  /** Feature release number: 8, 11, 17, 21, 25 … */
  readonly major: number;
  /** The first line of `java -version`, for notes. */
  readonly description: string;
}

/** No usable Java: a message saying what was found and how to fix it. */
export interface JavaMissing {
  readonly ok: false;
  readonly message: string;
}

export type JavaLookup = JavaFound | JavaMissing;

/** Options of {@link findJava}; the defaults suit the gates, tests override them. */
export interface FindJavaOptions {
  /** Lowest acceptable major version (default {@link APEX_LS_MINIMUM_JAVA}). */
  readonly minimumMajor?: number;
  /** Environment to read `JAVA_HOME` from (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder holding the installed JDKs (default {@link DEFAULT_JVM_ROOT}). */
  readonly jvmRoot?: string;
  /** Finds the `java` of `PATH`, tried last (default: {@link findOnPath} over `env.PATH`). */
  readonly pathJava?: () => Promise<string | undefined>;
}

/**
 * Parses the output of `java -version` (it goes to stderr) into the major version.
 *
 * Handles `openjdk version "17.0.15" 2025-04-15`, `java version "1.8.0_292"` (→ 8),
 * `openjdk version "21" 2023-09-19`, `openjdk version "26-ea"` and ignores noise such as
 * `Picked up JAVA_TOOL_OPTIONS: …` lines. Returns undefined when there is no version.
 */
export function parseJavaMajorVersion(output: string): number | undefined {
  const match = /\bversion\s+"?(\d+)(?:\.(\d+))?[^"\s]*"?/i.exec(output);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Before Java 9 versions read "1.<major>.0_<update>".
  if (first === 1 && match[2] !== undefined) return Number(match[2]);
  return Number.isFinite(first) && first > 0 ? first : undefined;
}

/** Extracts the numeric ordering key of a JDK folder name, e.g. `temurin-25-jdk-amd64` → 25. */
function folderVersionHint(name: string): number {
  const match = /(?:^|[-_.])(?:1\.)?(\d+)(?:[-_.]|$)/.exec(name);
  return match ? Number(match[1]) : 0;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Runs `<java> -version` and returns the parsed major version and first line. */
export async function probeJava(javaPath: string): Promise<{ major: number; description: string } | string> {
  const result = await exec(javaPath, ['-version'], { cwd: path.dirname(javaPath), timeoutMs: 30_000 });
  const output = `${result.stderr}\n${result.stdout}`;
  const major = parseJavaMajorVersion(output);
  if (result.code !== 0 || major === undefined) {
    const detail = output.trim().split('\n')[0] ?? '';
    return `\`${javaPath} -version\` failed (exit ${result.code})${detail ? `: ${detail}` : ''}`;
  }
  const description =
    output
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /\bversion\b/i.test(line)) ?? `Java ${major}`;
  return { major, description };
}

/** The first executable `name` in the folders of a `PATH` value (undefined when there is none). */
export async function findOnPath(name: string, pathValue: string | undefined): Promise<string | undefined> {
  for (const folder of (pathValue ?? '').split(path.delimiter)) {
    if (folder === '') continue;
    const candidate = path.resolve(folder, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** The command that installs a JDK of `major`, and the alternative, as the missing-Java message says them. */
export function installAdvice(major: number): string {
  return (
    `Install one: sudo apt-get install -y openjdk-${major}-jdk-headless ` +
    `(or set JAVA_HOME to a JDK ${major}+; Debian 12 has no such package: unpack a Temurin JDK under /usr/lib/jvm).`
  );
}

/**
 * Finds a Java executable of at least `minimumMajor`: `$JAVA_HOME/bin/java` when it is
 * recent enough, otherwise the newest recent-enough `<jvmRoot>/<jdk>/bin/java`, otherwise the
 * `java` on `PATH` when it is recent enough. Otherwise the message, one line, names every Java
 * found with its version and the command that installs one.
 */
export async function findJava(options: FindJavaOptions = {}): Promise<JavaLookup> {
  const minimum = options.minimumMajor ?? APEX_LS_MINIMUM_JAVA;
  const env = options.env ?? process.env;
  const jvmRoot = options.jvmRoot ?? DEFAULT_JVM_ROOT;
  const pathJava = options.pathJava ?? (() => findOnPath('java', env['PATH']));
  /** What was found and is not usable, e.g. `/usr/bin/java 17`, for the message. */
  const found: string[] = [];
  const probed = new Set<string>();

  /** Probes a candidate once (Debian links aliases and /usr/bin/java to the real JDK folders). */
  const probe = async (candidate: string): Promise<{ path: string; major: number; description: string } | undefined> => {
    const real = await realpath(candidate).catch(() => candidate);
    if (probed.has(real)) return undefined;
    probed.add(real);
    const result = await probeJava(candidate);
    if (typeof result === 'string') {
      found.push(`${candidate} (unreadable: ${result})`);
      return undefined;
    }
    return { path: candidate, ...result };
  };

  const javaHome = env['JAVA_HOME'];
  if (javaHome) {
    const candidate = path.join(javaHome, 'bin', 'java');
    if (await isExecutable(candidate)) {
      const java = await probe(candidate);
      if (java && java.major >= minimum) return { ok: true, ...java };
      if (java) found.push(`JAVA_HOME ${candidate} ${java.major}`);
    } else {
      found.push(`JAVA_HOME=${javaHome} without bin/java`);
    }
  }

  let folders: string[] = [];
  try {
    folders = (await readdir(jvmRoot, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => entry.name);
  } catch {
    // no JVM folder: PATH is the last chance
  }
  // Probe the likely-newest first, but decide on the version java itself reports.
  folders.sort((a, b) => folderVersionHint(b) - folderVersionHint(a) || a.localeCompare(b));
  const installed: { path: string; major: number; description: string }[] = [];
  for (const folder of folders) {
    const candidate = path.join(jvmRoot, folder, 'bin', 'java');
    if (!(await isExecutable(candidate))) continue;
    const java = await probe(candidate);
    if (java) installed.push(java);
  }
  const best = installed.filter((java) => java.major >= minimum).sort((a, b) => b.major - a.major)[0];
  if (best) return { ok: true, ...best };
  for (const java of installed) found.push(`${java.path} ${java.major}`);

  const onPath = await pathJava();
  if (onPath) {
    const java = await probe(onPath);
    if (java && java.major >= minimum) return { ok: true, ...java };
    if (java) found.push(`${java.path} ${java.major}`);
  }

  const seen = found.length > 0 ? found.join(', ') : `none in JAVA_HOME, ${jvmRoot}/*/bin or PATH`;
  return {
    ok: false,
    message: `No Java ≥ ${minimum} (found: ${seen}). ${installAdvice(minimum)}`.replace(/\s+/g, ' '),
  };
}
