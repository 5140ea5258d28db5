/**
 * Finds a Java runtime recent enough for the offline Apex tools.
 *
 * apex-ls 5.3 (the `apex-semantics` gate) needs Java ≥ 21; the Code Analyzer engines
 * (PMD 7, Graph Engine) need Java ≥ 11. The default `java` on these machines is 17, so the
 * lookup never trusts `PATH`: it tries `$JAVA_HOME/bin/java` first, then every
 * `/usr/lib/jvm/<jdk>/bin/java` (newest first), and asks each one its version with
 * `java -version`.
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

/**
 * Finds a Java executable of at least `minimumMajor`: `$JAVA_HOME/bin/java` when it is
 * recent enough, otherwise the newest recent-enough `<jvmRoot>/<jdk>/bin/java`.
 */
export async function findJava(options: FindJavaOptions = {}): Promise<JavaLookup> {
  const minimum = options.minimumMajor ?? APEX_LS_MINIMUM_JAVA;
  const env = options.env ?? process.env;
  const jvmRoot = options.jvmRoot ?? DEFAULT_JVM_ROOT;
  const seen: string[] = [];

  const javaHome = env['JAVA_HOME'];
  if (javaHome) {
    const candidate = path.join(javaHome, 'bin', 'java');
    if (await isExecutable(candidate)) {
      const probe = await probeJava(candidate);
      if (typeof probe === 'string') {
        seen.push(`JAVA_HOME: ${probe}`);
      } else if (probe.major >= minimum) {
        return { ok: true, path: candidate, major: probe.major, description: probe.description };
      } else {
        seen.push(`JAVA_HOME=${javaHome} is Java ${probe.major}`);
      }
    } else {
      seen.push(`JAVA_HOME=${javaHome} has no executable bin/java`);
    }
  } else {
    seen.push('JAVA_HOME is not set');
  }

  let folders: string[] = [];
  try {
    folders = (await readdir(jvmRoot, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() || entry.isSymbolicLink())
      .map((entry) => entry.name);
  } catch {
    seen.push(`${jvmRoot} does not exist`);
  }
  // Probe the likely-newest first, but decide on the version java itself reports.
  folders.sort((a, b) => folderVersionHint(b) - folderVersionHint(a) || a.localeCompare(b));

  const found: { path: string; major: number; description: string }[] = [];
  const probed = new Set<string>();
  for (const folder of folders) {
    const candidate = path.join(jvmRoot, folder, 'bin', 'java');
    if (!(await isExecutable(candidate))) continue;
    // Debian links aliases such as java-1.17.0-openjdk-amd64 to the real folder: probe once.
    const real = await realpath(candidate).catch(() => candidate);
    if (probed.has(real)) continue;
    probed.add(real);
    const probe = await probeJava(candidate);
    if (typeof probe === 'string') {
      seen.push(probe);
      continue;
    }
    found.push({ path: candidate, ...probe });
  }
  const usable = found.filter((java) => java.major >= minimum).sort((a, b) => b.major - a.major);
  const best = usable[0];
  if (best) return { ok: true, ...best };

  for (const java of found) seen.push(`${java.path} is Java ${java.major}`);
  if (folders.length > 0 && found.length === 0) seen.push(`no bin/java under ${jvmRoot}/*`);
  return {
    ok: false,
    message:
      `No Java ${minimum} or newer found (${seen.join('; ')}). ` +
      `Install a JDK ${minimum}+ (for example Debian's openjdk-${minimum}-jdk-headless or Temurin ${minimum}) ` +
      `under ${jvmRoot}, or set JAVA_HOME to one.`,
  };
}
