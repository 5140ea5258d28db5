/**
 * Loaders for the contract artefacts: the OpenAPI document and the shared test
 * vectors. Paths resolve from this file, so callers may run from any directory.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { TestVectors } from './vector-types.ts';

const REPO_ROOT = new URL('../../', import.meta.url);

/** Absolute paths of the contract files. */
export const CONTRACT_FILES = {
  openApi: fileURLToPath(new URL('docs/contract/sales-insight-sync.openapi.yaml', REPO_ROOT)),
  vectors: fileURLToPath(new URL('unpackaged/staticresources/SiaSyncTestVectors.json', REPO_ROOT)),
  vectorsSchema: fileURLToPath(new URL('docs/contract/test-vectors.schema.json', REPO_ROOT)),
} as const;

/** A JSON Schema as found in the documents (kept open: ajv checks it). */
export type JsonSchema = Record<string, unknown>;

/** A media type object: a schema and named examples. */
export interface MediaType {
  readonly schema?: JsonSchema;
  readonly examples?: Readonly<Record<string, { readonly summary?: string; readonly value?: unknown }>>;
}

/** A response or a request body (after `$ref` resolution). */
export interface Payload {
  readonly $ref?: string;
  readonly description?: string;
  readonly content?: Readonly<Record<string, MediaType>>;
}

/** The parts of an operation the contract tests read. */
export interface Operation {
  readonly operationId?: string;
  readonly requestBody?: Payload;
  readonly responses?: Readonly<Record<string, Payload>>;
}

/** HTTP methods an OpenAPI path item may hold. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** A path item: operations by method. */
export type PathItem = Partial<Record<(typeof HTTP_METHODS)[number], Operation>>;

/** The parts of an OpenAPI 3.1 document the contract tests read. */
export interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses?: Readonly<Record<string, Payload>>;
    readonly requestBodies?: Readonly<Record<string, Payload>>;
  };
}

/** Reads and parses a JSON file (whole-file parse errors name the file). */
export function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error: unknown) {
    throw new Error(`cannot read JSON ${path}: ${String(error)}`);
  }
}

/** Loads the OpenAPI document. Shape is checked by the contract tests and redocly lint, not here. */
export function loadOpenApi(path: string = CONTRACT_FILES.openApi): OpenApiDocument {
  return parse(readFileSync(path, 'utf8')) as OpenApiDocument;
}

/** Loads the shared test vectors. Validate with `validateVectors` before trusting the types. */
export function loadVectors(path: string = CONTRACT_FILES.vectors): TestVectors {
  return readJson(path) as TestVectors;
}
