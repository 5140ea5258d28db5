/**
 * Checks of the shared test vectors file that do not need the rules: its JSON
 * Schema and the uniqueness of case names within each section.
 */
import { createAjv } from './openapi-validator.ts';
import { CONTRACT_FILES, readJson } from './load.ts';
import { VECTOR_SECTIONS } from './vector-types.ts';

/** Schema errors of a vectors document; empty when valid. */
export function vectorsSchemaErrors(data: unknown, schema: unknown = readJson(CONTRACT_FILES.vectorsSchema)): string[] {
  const validate = createAjv().compile(schema as object);
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}

/** "section: name" for every case name used more than once within its section. */
export function duplicateCaseNames(data: unknown): string[] {
  const duplicates: string[] = [];
  for (const section of VECTOR_SECTIONS) {
    const cases = (data as Record<string, unknown>)[section];
    if (!Array.isArray(cases)) continue;
    const seen = new Set<string>();
    for (const c of cases as { name?: unknown }[]) {
      const name = String(c.name);
      if (seen.has(name)) duplicates.push(`${section}: ${name}`);
      seen.add(name);
    }
  }
  return duplicates;
}
