/**
 * What every benchmark process reports, and the small helpers they share:
 * percentiles, peak resident memory, the result line a child prints for the
 * runner.
 */
import { readFileSync } from 'node:fs';

/** The marker before the JSON result line a child process prints on stdout. */
export const RESULT_MARKER = 'BENCH_RESULT ';

/** One measured run of one target, as a child reports it to the runner. */
export interface RunResult {
  /** Changes processed in the measured phase (warm-up excluded). */
  readonly changes: number;
  readonly batches: number;
  /** Wall time of the measured phase, ms. */
  readonly elapsedMs: number;
  /** Per-batch latency (request sent → answer read, or transaction time), ms. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time of the reporting process over the measured phase, as a share of one core (0–1 per core). */
  readonly cpuShare: number;
  /** Peak resident set of the reporting process, bytes. */
  readonly peakRssBytes: number;
  /** How many results of each status the answers held (all measured batches). */
  readonly statuses: Readonly<Record<string, number>>;
}

/**
 * The result of a measured phase of this process: its batch latencies, wall time and CPU since
 * `cpuBefore` (`process.cpuUsage()` taken when the phase began), its peak RSS.
 */
export function measuredResult(
  latencies: readonly number[],
  batchSize: number,
  elapsedMs: number,
  cpuBefore: NodeJS.CpuUsage,
  statuses: Readonly<Record<string, number>>,
): RunResult {
  const cpu = process.cpuUsage(cpuBefore);
  return {
    changes: latencies.length * batchSize,
    batches: latencies.length,
    elapsedMs,
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    cpuShare: (cpu.user + cpu.system) / 1000 / elapsedMs,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    statuses,
  };
}

/** The `q`-quantile (0–1) of `values` by the nearest-rank method; 0 when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * Peak resident set size of a process in bytes (`VmHWM` of `/proc/<pid>/status`,
 * Linux), or undefined when it cannot be read.
 */
export function peakRssOf(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
  } catch {
    return undefined;
  }
}

/** The line the load client prints when its measured phase starts. */
export const MEASURING_MARKER = 'BENCH_MEASURING';

/**
 * CPU time (user + system) a process has used so far, ms (`/proc/<pid>/stat`,
 * Linux, clock ticks of 10 ms), or undefined when it cannot be read.
 */
export function cpuTimeOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at state: utime is the 12th of them, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Prints the result line the runner reads. */
export function printResult(result: RunResult): void {
  process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

/** The result line in a child's output, parsed. */
export function parseResult(output: string): RunResult | undefined {
  const line = output.split('\n').find((l) => l.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as RunResult);
}
