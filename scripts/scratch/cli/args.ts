/**
 * One argument parser for every `org:*` and `package:*` command: `node:util` `parseArgs` in strict
 * mode over the command's own flags, with sf's flag names, so `--flag value`, `--flag=value` and
 * `-f value` all work and anything else is refused by name with the command's usage. parseArgs's
 * own messages talk about "options" and "positionals"; these say which flag and what to do.
 */
import { parseArgs } from 'node:util';

/** A flag a command accepts. */
export interface FlagSpec {
  /** The long name, without dashes: `target-org`. */
  readonly name: string;
  /** The one-letter short name sf uses, if any: `o`. */
  readonly short?: string;
  /** `string` flags take a value; `boolean` flags take none. */
  readonly type: 'string' | 'boolean';
  /** What the value is, for the usage line: `alias`. */
  readonly valueName?: string;
  /** One line for `--help`. */
  readonly summary: string;
}

/** What `--help` says about a command. */
export interface CommandHelp {
  /** The npm script: `org:deploy`. */
  readonly name: string;
  /** One line: what it does. */
  readonly summary: string;
  /** A few lines: how, and what it needs. */
  readonly description: readonly string[];
  readonly flags: readonly FlagSpec[];
  /** Whole command lines a user can copy. */
  readonly examples: readonly string[];
  /** Old or guessed flag names and the flag they mean (`days` → `duration-days`), for "did you mean". */
  readonly renamed?: Readonly<Record<string, string>>;
}

/** The parsed flags: a string per given string flag, `true` per given boolean flag. */
export type FlagValues = Readonly<Record<string, string | boolean | undefined>>;

/** A command line that cannot be run as written; the message names the flag, the usage follows. */
export class UsageError extends Error {
  readonly usage: string;
  constructor(message: string, help: CommandHelp) {
    super(message);
    this.name = 'UsageError';
    this.usage = usageLine(help);
  }
}

/** The help flag every command has. */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'boolean', summary: 'Show this help and exit.' };

/**
 * Parses a command's arguments.
 * @returns the flag values, `help: true` when `--help` or `-h` was given
 * @throws UsageError for an unknown flag, a missing or unexpected value, or a positional argument
 */
export function parseCommandArgs(help: CommandHelp, args: readonly string[]): FlagValues {
  const flags = [...help.flags, HELP_FLAG];
  const options = Object.fromEntries(
    flags.map((flag) => [flag.name, flag.short === undefined ? { type: flag.type } : { type: flag.type, short: flag.short }]),
  );
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error: unknown) {
    throw new UsageError(explain(error, help, args), help);
  }
}

function explain(error: unknown, help: CommandHelp, args: readonly string[]): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const message = error instanceof Error ? error.message : String(error);
  const named = /'(?:-\w, )?(--?[\w-]+)/.exec(message)?.[1] ?? '';
  const flag = help.flags.find((spec) => `--${spec.name}` === named || `-${spec.short ?? ''}` === named);
  const long = flag ? `--${flag.name}` : named;
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const guess = help.renamed?.[named.replace(/^-+/, '')];
      return guess
        ? `${help.name} has no flag ${named}: use --${guess}.`
        : `${help.name} has no flag ${named}; its flags are ${[...help.flags, HELP_FLAG].map((spec) => `--${spec.name}`).join(', ')}.`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const value = /'([^']*)'/.exec(message)?.[1] ?? args.find((arg) => !arg.startsWith('-')) ?? '';
      return `${help.name} takes flags only, not "${value}": name what it is, e.g. --${help.flags[0]?.name ?? 'help'} ${value}.`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return flag?.type === 'boolean' ? `${long} takes no value.` : `${long} needs a value: ${long} <${flag?.valueName ?? 'value'}>.`;
    default:
      return message;
  }
}

function flagUsage(flag: FlagSpec): string {
  return flag.type === 'string' ? `--${flag.name} <${flag.valueName ?? 'value'}>` : `--${flag.name}`;
}

/** `npm run org:deploy -- [--target-org <alias>] [--wait <minutes>]`. */
export function usageLine(help: CommandHelp): string {
  const flags = help.flags.map((flag) => `[${flagUsage(flag)}]`).join(' ');
  return `Usage: npm run ${help.name} --${flags === '' ? '' : ` ${flags}`} (more: npm run ${help.name} -- --help)`;
}

/** The whole `--help` text: usage, what it does, its flags, examples. */
export function helpText(help: CommandHelp): string {
  const rows = [...help.flags, HELP_FLAG].map((flag) => ({
    left: `${flag.short === undefined ? '    ' : `-${flag.short}, `}${flagUsage(flag)}`,
    summary: flag.summary,
  }));
  const width = Math.max(...rows.map((row) => row.left.length));
  return [
    `npm run ${help.name} -- [flags]`,
    '',
    help.summary,
    '',
    ...help.description,
    '',
    'Flags:',
    ...rows.map((row) => `  ${row.left.padEnd(width)}  ${row.summary}`),
    '',
    help.examples.length === 1 ? 'Example:' : 'Examples:',
    ...help.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

/** A string flag's value, or undefined when not given. */
export function stringFlag(values: FlagValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Whether a boolean flag was given. */
export function booleanFlag(values: FlagValues, name: string): boolean {
  return values[name] === true;
}

/**
 * A whole-number flag within bounds, or its default.
 * @throws UsageError naming the flag and the bounds
 */
export function integerFlag(
  values: FlagValues,
  help: CommandHelp,
  name: string,
  bounds: { readonly min: number; readonly max: number; readonly fallback: number; readonly why?: string },
): number {
  const text = stringFlag(values, name);
  if (text === undefined) return bounds.fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < bounds.min || value > bounds.max) {
    throw new UsageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}${bounds.why ?? ''} (got "${text}").`, help);
  }
  return value;
}
