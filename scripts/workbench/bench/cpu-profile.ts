/**
 * Reads a V8 CPU profile (`node --cpu-prof`) and sums the self time of each
 * function, and of each area of code (SQLite calls, ajv's compiled validators,
 * the workbench, the contract modules, Node's HTTP), for the benchmark report.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Self time of one function (or one area), ms, and its share of the profile's sampled time. */
export interface SelfTime {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

/** What a profile's self time was spent on. */
export interface ProfileSummary {
  readonly totalMs: number;
  /** Functions by self time, largest first. */
  readonly functions: readonly SelfTime[];
  /** Areas of code by self time, largest first. */
  readonly areas: readonly SelfTime[];
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) return url.slice(modules + 'node_modules/'.length);
  const scripts = url.indexOf('/scripts/');
  if (scripts >= 0) return url.slice(scripts + 1);
  return url.replace(/^file:\/\//, '');
}

/** The area a function belongs to, from its script URL and name. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') {
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)' || functionName === '(program)') return functionName;
    return `native (${['run', 'get', 'all', 'exec', 'prepare'].includes(functionName) ? 'better-sqlite3 statements' : 'V8 / bindings'})`;
  }
  if (url.includes('node_modules/better-sqlite3/')) return 'better-sqlite3 (JS side)';
  if (url.includes('node_modules/ajv')) return 'ajv (formats, runtime)';
  if (url.includes('node_modules/')) return `other packages (${shortUrl(url).split('/')[0] ?? ''})`;
  if (url.startsWith('node:')) return /http|net|stream|_http/.test(url) ? 'Node HTTP / streams' : 'Node (other)';
  if (url.includes('/scripts/contract/')) return 'contract modules (checkBatch, canonical JSON)';
  if (url.includes('/scripts/workbench/')) return 'workbench (routes, ingest, store)';
  // ajv's compiled validators are functions built with `new Function`: no file.
  if (!url.includes('/')) return 'ajv compiled validators (eval)';
  return shortUrl(url);
}

function ranked(totals: Map<string, number>, totalMs: number): SelfTime[] {
  return [...totals].map(([name, ms]) => ({ name, ms, share: totalMs === 0 ? 0 : ms / totalMs })).sort((a, b) => b.ms - a.ms);
}

/** Sums the self time of a `.cpuprofile` file by function and by area. */
export function summariseProfile(path: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const functions = new Map<string, number>();
  const areas = new Map<string, number>();
  let totalMs = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    if (node === undefined || node.callFrame.functionName === '(idle)') return;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'}${url === '' ? '' : ` ${shortUrl(url)}:${lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + ms);
    const area = areaOf(node.callFrame);
    areas.set(area, (areas.get(area) ?? 0) + ms);
    totalMs += ms;
  });
  return { totalMs, functions: ranked(functions, totalMs), areas: ranked(areas, totalMs) };
}
