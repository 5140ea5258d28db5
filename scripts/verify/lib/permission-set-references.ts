import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listMetadataFiles } from './files.ts';
import type { Finding } from './gate.ts';

/**
 * Permission sets name classes, objects, fields, custom permissions and credential principals
 * by string; a typo is found only at deploy time. This check resolves each name against the
 * checkout. Standard objects and fields (no `__c`/`__mdt`) are taken as existing.
 */

/** Where a custom field's definition lives; Task and Event fields are defined on Activity. */
function fieldFile(objectName: string, fieldName: string): string {
  const owner = objectName === 'Task' || objectName === 'Event' ? 'Activity' : objectName;
  return `objects/${owner}/fields/${fieldName}.field-meta.xml`;
}

/** Every value of `<tag>…</tag>` with its line. */
function valuesOf(source: string, tag: string): { value: string; line: number }[] {
  return [...source.matchAll(new RegExp(`<${tag}>([^<]+)</${tag}>`, 'g'))].map((match) => ({
    value: match[1] ?? '',
    line: source.slice(0, match.index).split('\n').length,
  }));
}

/** Findings for every unresolvable reference in the package directories' permission sets. */
export function permissionSetReferenceFindings(root: string): Finding[] {
  const all = listMetadataFiles(root, () => true);
  const has = (suffix: string): boolean => all.some((path) => path.endsWith(`/${suffix}`));
  const findings: Finding[] = [];
  for (const file of all.filter((path) => path.endsWith('.permissionset-meta.xml'))) {
    const source = readFileSync(join(root, file), 'utf8');
    const report = (line: number, message: string): void => void findings.push({ file, line, message });
    for (const { value, line } of valuesOf(source, 'apexClass')) {
      if (!has(`classes/${value}.cls`)) report(line, `apexClass ${value}: no such class in the checkout`);
    }
    for (const { value, line } of valuesOf(source, 'object')) {
      if (/__(c|mdt)$/.test(value) && !has(`objects/${value}/${value}.object-meta.xml`))
        report(line, `object ${value}: no such object in the checkout`);
    }
    for (const { value, line } of valuesOf(source, 'field')) {
      const [objectName = '', fieldName = ''] = value.split('.');
      if (fieldName.endsWith('__c') && !has(fieldFile(objectName, fieldName)))
        report(line, `field ${value}: no ${fieldFile(objectName, fieldName)}`);
    }
    const customPermissions = [...source.matchAll(/<customPermissions>[\s\S]*?<name>([^<]+)<\/name>[\s\S]*?<\/customPermissions>/g)];
    for (const match of customPermissions) {
      const name = match[1] ?? '';
      if (!has(`customPermissions/${name}.customPermission-meta.xml`)) {
        report(source.slice(0, match.index).split('\n').length, `customPermission ${name}: no such custom permission in the checkout`);
      }
    }
    for (const { value, line } of valuesOf(source, 'externalCredentialPrincipal')) {
      const [credential = '', principal = ''] = value.split('-');
      const credentialFile = all.find((path) => path.endsWith(`/externalCredentials/${credential}.externalCredential-meta.xml`));
      const defined =
        credentialFile !== undefined &&
        existsSync(join(root, credentialFile)) &&
        new RegExp(`<parameterName>${principal}</parameterName>\\s*<parameterType>NamedPrincipal</parameterType>`).test(
          readFileSync(join(root, credentialFile), 'utf8'),
        );
      if (!defined)
        report(line, `externalCredentialPrincipal ${value}: no NamedPrincipal ${principal} on external credential ${credential}`);
    }
  }
  return findings;
}
