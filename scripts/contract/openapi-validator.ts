/**
 * JSON Schema validation against the OpenAPI document. OpenAPI 3.1 schemas are
 * JSON Schema 2020-12, so the whole document is registered with ajv under an
 * `$id`; `#/components/schemas/X` refs then resolve inside it, and any schema
 * in the document can be addressed by JSON Pointer.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenApiDocument } from './load.ts';

/** The `$id` the document is registered under (never fetched). */
export const OPENAPI_SCHEMA_ID = 'https://sales-insight-sync.invalid/contract/openapi.json';

/**
 * ajv-formats is CommonJS with `exports.default`; depending on the loader the
 * default import is the plugin or the module object, so accept both.
 */
type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;
const addFormats: FormatsPlugin =
  (addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? (addFormatsModule as unknown as FormatsPlugin);

/** A fresh ajv instance configured as the contract needs (2020-12, formats, strict). */
export function createAjv(): Ajv2020 {
  // strictSchema stays on (unknown keywords are typos). strictTypes and
  // strictRequired are ajv's style opinions, off because the contract uses the
  // standard idioms they flag: `anyOf: [{required: [a]}, {required: [b]}]` and
  // `required` in conditional branches without a repeated `type: object`.
  // allowUnionTypes: `type: [string, 'null']` is how OpenAPI 3.1 spells nullable.
  const ajv = new Ajv2020({
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allErrors: true,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  return ajv;
}

/** Document-level fields of OpenAPI 3.1 and its schema-object extensions. */
const OPENAPI_KEYWORDS = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'paths',
  'webhooks',
  'components',
  'security',
  'tags',
  'externalDocs',
  'discriminator',
  'xml',
  'example',
] as const;

/** Validates data against schemas of one OpenAPI document. */
export class ContractValidator {
  readonly #ajv = createAjv();
  readonly #cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    // ajv compiles the document root to resolve refs into it: declare OpenAPI's
    // own keywords so that strict mode still catches typos inside the schemas.
    this.#ajv.addVocabulary([...OPENAPI_KEYWORDS]);
    this.#ajv.addSchema(doc as object, OPENAPI_SCHEMA_ID, undefined, false);
  }

  /** The compiled validator for the schema at `pointer` (e.g. "/components/schemas/TaskChange"). */
  validatorAt(pointer: string): ValidateFunction {
    const cached = this.#cache.get(pointer);
    if (cached) return cached;
    const fragment = pointer.split('/').map(encodeURIComponent).join('/');
    const validate = this.#ajv.compile({ $ref: `${OPENAPI_SCHEMA_ID}#${fragment}` });
    this.#cache.set(pointer, validate);
    return validate;
  }

  /** Validation errors of `data` against the schema at `pointer`; empty when valid. */
  errorsAt(pointer: string, data: unknown): string[] {
    const validate = this.validatorAt(pointer);
    if (validate(data)) return [];
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }

  /** Validation errors against `#/components/schemas/<name>`. */
  errorsForComponent(name: string, data: unknown): string[] {
    return this.errorsAt(`/components/schemas/${name}`, data);
  }
}
