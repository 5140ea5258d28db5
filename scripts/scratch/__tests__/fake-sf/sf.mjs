#!/usr/bin/env node
// @ts-check
/**
 * A fake sf CLI for the offline tests of scripts/scratch: the runner calls it instead of
 * node_modules/.bin/sf when SISYNC_SF_BIN names it. It records every call and answers from recorded
 * sf output (../fixtures/*.json, written from what sf 2.146 prints) chosen by the command.
 *
 * Environment:
 *   FAKE_SF_SCENARIO  a JSON file: { "<matcher>": <answer> | [<answer>, …] }
 *   FAKE_SF_CALLS     a file each call is appended to, one JSON line: {"argv": […], "matched": "<matcher>",
 *                     "files": {…}} — files holds what --metadata-dir and --definition-file named (path → content),
 *                     read before the caller deletes them, so a test can check what would have been deployed
 *
 * A matcher is words, then flags, then ~texts: "org display --target-org ci ~Organization".
 * Its words must begin the call's words (the arguments before the first flag); each "--flag value"
 * must appear in the call as adjacent arguments, a "--flag" alone must appear; each "~text" must
 * occur in the arguments joined by spaces. The matcher with the most tokens wins.
 * An answer is a fixture's file name, or an object: {"$stdout", "$stderr", "$exit"} is printed as
 * is (commands without --json); any other object is printed as JSON and its "status" is the exit
 * code, as sf does. A list answers the first call of its matcher with its first item, and so on;
 * the last item answers every later call.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const argv = process.argv.slice(2);
const scenarioFile = process.env['FAKE_SF_SCENARIO'];
const callsFile = process.env['FAKE_SF_CALLS'];

/** @param {string} matcher */
function tokensOf(matcher) {
  return matcher.split(' ').filter((token) => token !== '');
}

/** @param {string} matcher @returns {boolean} */
function matches(matcher) {
  const tokens = tokensOf(matcher);
  const words = [];
  while (tokens.length > 0 && !tokens[0]?.startsWith('-') && !tokens[0]?.startsWith('~')) words.push(tokens.shift());
  const callWords = [];
  for (const arg of argv) {
    if (arg.startsWith('-')) break;
    callWords.push(arg);
  }
  if (words.some((word, index) => callWords[index] !== word)) return false;
  const joined = argv.join(' ');
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] ?? '';
    if (token.startsWith('~')) {
      if (!joined.includes(token.slice(1))) return false;
      continue;
    }
    const next = tokens[index + 1];
    if (next !== undefined && !next.startsWith('-') && !next.startsWith('~')) {
      index++;
      if (!argv.some((arg, at) => arg === token && argv[at + 1] === next)) return false;
    } else if (!argv.includes(token)) return false;
  }
  return true;
}

/** @param {string} text @param {number} code */
function finish(text, code, toStderr = false) {
  (toStderr ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
  process.exitCode = code;
}

/** @type {Record<string, unknown>} */
const scenario = scenarioFile && existsSync(scenarioFile) ? JSON.parse(readFileSync(scenarioFile, 'utf8')) : {};
const matched = Object.keys(scenario)
  .filter(matches)
  .sort((a, b) => tokensOf(b).length - tokensOf(a).length)[0];

/** @returns {number} how many earlier calls this matcher answered */
function earlierCalls() {
  if (!callsFile || !existsSync(callsFile)) return 0;
  return readFileSync(callsFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && JSON.parse(line).matched === matched).length;
}

/** @param {string} path @returns {Record<string, string>} */
function contentsOf(path) {
  if (!existsSync(path)) return {};
  if (!statSync(path).isDirectory()) return { [path]: readFileSync(path, 'utf8') };
  /** @type {Record<string, string>} */
  const found = {};
  /** @param {string} directory */
  const walk = (directory) => {
    for (const name of readdirSync(directory)) {
      const child = join(directory, name);
      if (statSync(child).isDirectory()) walk(child);
      else found[relative(path, child)] = readFileSync(child, 'utf8');
    }
  };
  walk(path);
  return found;
}

/** @type {Record<string, string>} */
const files = {};
for (const flag of ['--metadata-dir', '--definition-file']) {
  const at = argv.indexOf(flag);
  const path = at === -1 ? undefined : argv[at + 1];
  if (path !== undefined) Object.assign(files, contentsOf(path));
}

const nth = earlierCalls();
if (callsFile) appendFileSync(callsFile, `${JSON.stringify({ argv, matched: matched ?? null, files })}\n`);

if (matched === undefined) {
  const message = `The fake sf has no answer for: sf ${argv.join(' ')}`;
  finish(JSON.stringify({ status: 1, name: 'FakeSfUnexpectedCommand', message }, null, 2), 1);
} else {
  const entry = scenario[matched];
  const answer = Array.isArray(entry) ? entry[Math.min(nth, entry.length - 1)] : entry;
  const value = typeof answer === 'string' ? JSON.parse(readFileSync(join(fixtures, answer), 'utf8')) : answer;
  if (value !== null && typeof value === 'object' && ('$stdout' in value || '$stderr' in value || '$exit' in value)) {
    if (typeof value.$stderr === 'string') process.stderr.write(`${value.$stderr}\n`);
    finish(typeof value.$stdout === 'string' ? value.$stdout : '', typeof value.$exit === 'number' ? value.$exit : 0);
  } else {
    const status = value !== null && typeof value === 'object' && typeof value.status === 'number' ? value.status : 0;
    finish(JSON.stringify(value, null, 2), status);
  }
}
