import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exec } from '../lib/exec.ts';
import { listApexFiles } from '../lib/files.ts';
import { resultFrom, type Finding, type Gate } from '../lib/gate.ts';

/**
 * Apex syntax with Salesforce's own parser (jorje), as shipped natively for prettier-plugin-apex.
 * Prettier's message for a syntax error has no position, so this gate calls the serializer
 * itself and reads the parse errors' locations from its JSON.
 */

interface ParseError {
  message?: string;
  error?: { error?: { loc?: { line?: number; column?: number } } };
}

/** The native parser for this platform, or undefined where none is installed. */
export function serializerPath(root: string): string | undefined {
  const name = `apex-ast-serializer-${process.platform}-${process.arch}`;
  const path = join(root, 'node_modules', '@prettier-apex', name, name);
  return existsSync(path) ? path : undefined;
}

/** Findings for one file from the serializer's JSON output. */
export function parseErrorsOf(file: string, serializedAst: string): Finding[] {
  const ast = JSON.parse(serializedAst) as Record<string, { parseErrors?: ParseError[] } | undefined>;
  const outputKey = Object.keys(ast).find((key) => key.endsWith('ParserOutput'));
  const errors = (outputKey ? ast[outputKey]?.parseErrors : undefined) ?? [];
  return errors.map((error) => {
    const loc = error.error?.error?.loc;
    return {
      file,
      ...(loc?.line === undefined ? {} : { line: loc.line }),
      ...(loc?.column === undefined ? {} : { column: loc.column }),
      message: `Apex syntax: ${error.message ?? 'parse error'}`,
    };
  });
}

export const apexSyntaxGate: Gate = {
  id: 'apex-syntax',
  title: "Apex syntax with Salesforce's Apex parser (prettier-plugin-apex's native serializer)",
  async run({ root }) {
    const serializer = serializerPath(root);
    if (!serializer) {
      return resultFrom([
        {
          file: 'package.json',
          message: `No native Apex parser for ${process.platform}-${process.arch}: run npm ci on linux-x64, darwin or win32-x64.`,
        },
      ]);
    }
    const files = listApexFiles(root);
    const findings: Finding[] = [];
    for (const file of files) {
      const result = await exec(serializer, [], {
        cwd: root,
        env: { ...process.env, DEBUG: '' },
        input: readFileSync(join(root, file), 'utf8'),
      });
      if (result.code !== 0 || result.stdout.trim() === '') {
        findings.push({ file, message: `Apex parser failed (exit ${result.code}): ${result.stderr.trim().split('\n')[0] ?? ''}` });
        continue;
      }
      findings.push(...parseErrorsOf(file, result.stdout));
    }
    return resultFrom(findings, [`${files.length} Apex files parsed`]);
  },
};
