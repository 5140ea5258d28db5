import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMetadataFiles } from './files.ts';
import type { Finding } from './gate.ts';

/**
 * What the platform LWC compiler cannot check offline and a deploy would reject: that every
 * `@salesforce/apex/Class.method` import names an `@AuraEnabled` method of a class in the
 * checkout, every `@salesforce/label/c.Name` a custom label, every `c/name` a component.
 */

const IMPORT = /import\s+(?:[\w{}\s,*]+?\s+from\s+)?['"](?<module>[^'"]+)['"]/g;

/** `@AuraEnabled` method names by class name (case-insensitive, as Apex resolves them). */
export function auraEnabledMethods(root: string): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const file of listMetadataFiles(root, (path) => path.endsWith('.cls'))) {
    const className =
      file
        .split('/')
        .pop()
        ?.replace(/\.cls$/, '') ?? '';
    const source = readFileSync(join(root, file), 'utf8');
    const methods = new Set<string>();
    for (const match of source.matchAll(/@AuraEnabled\b[^)\n]*\)?\s*(?:(?:public|global|static)\s+)+[\w<>,.\s]+?\s+(?<name>\w+)\s*\(/gi)) {
      if (match.groups?.['name']) methods.add(match.groups['name'].toLowerCase());
    }
    result.set(className.toLowerCase(), methods);
  }
  return result;
}

/** Custom label names defined in the checkout. */
export function customLabelNames(root: string): Set<string> {
  const names = new Set<string>();
  for (const file of listMetadataFiles(root, (path) => path.endsWith('.labels-meta.xml'))) {
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(/<fullName>(?<name>[^<]+)<\/fullName>/g)) {
      if (match.groups?.['name']) names.add(match.groups['name']);
    }
  }
  return names;
}

/** Findings for one component source file's platform imports. */
export function referenceFindings(
  file: string,
  source: string,
  known: { methods: Map<string, Set<string>>; labels: Set<string>; components: Set<string> },
): Finding[] {
  const findings: Finding[] = [];
  for (const match of source.matchAll(IMPORT)) {
    const module = match.groups?.['module'] ?? '';
    const line = source.slice(0, match.index).split('\n').length;
    const apex = /^@salesforce\/apex\/(?:(?<namespace>\w+)\.)?(?<cls>\w+)\.(?<method>\w+)$/.exec(module)?.groups;
    if (apex?.['cls'] && apex['method']) {
      const methods = known.methods.get(apex['cls'].toLowerCase());
      if (!methods) findings.push({ file, line, message: `imports ${module}: no Apex class ${apex['cls']} in the checkout` });
      else if (!methods.has(apex['method'].toLowerCase())) {
        findings.push({ file, line, message: `imports ${module}: ${apex['cls']} has no @AuraEnabled method ${apex['method']}` });
      }
      continue;
    }
    const label = /^@salesforce\/label\/c\.(?<name>\w+)$/.exec(module)?.groups?.['name'];
    if (label !== undefined) {
      if (!known.labels.has(label))
        findings.push({ file, line, message: `imports ${module}: no custom label ${label} in any labels file` });
      continue;
    }
    const component = /^c\/(?<name>\w+)$/.exec(module)?.groups?.['name'];
    if (component !== undefined && !known.components.has(component)) {
      findings.push({ file, line, message: `imports ${module}: no component ${component} in the checkout` });
    }
  }
  return findings;
}

/** Checks the imports of every component TypeScript/JavaScript source (tests excluded). */
export function lwcReferenceFindings(root: string): Finding[] {
  const sources = listMetadataFiles(root, (path) => /\/lwc\/[^/]+\/[^/]+\.ts$/.test(path));
  const components = new Set(listMetadataFiles(root, (path) => path.endsWith('.js-meta.xml')).map((path) => path.split('/').at(-2) ?? ''));
  const known = { methods: auraEnabledMethods(root), labels: customLabelNames(root), components };
  return sources.flatMap((file) => referenceFindings(file, readFileSync(join(root, file), 'utf8'), known));
}
