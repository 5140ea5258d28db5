/**
 * The contract as the workbench reads it: the OpenAPI document, loaded once and
 * compiled by the contract's own validator. Nothing here restates a schema: the
 * emulator checks requests with `checkBatch` and tests check answers with
 * {@link responseSchemaPointer} against the same document.
 */
import { resolveLocal, toPointer } from '../contract/json-pointer.ts';
import { loadOpenApi, type OpenApiDocument, type Payload } from '../contract/load.ts';
import { ContractValidator } from '../contract/openapi-validator.ts';

/** The loaded document and a validator of it. */
export interface Contract {
  readonly doc: OpenApiDocument;
  readonly validator: ContractValidator;
}

let shared: Contract | undefined;

/** The contract of `docs/contract/sales-insight-sync.openapi.yaml`, compiled on first use. */
export function loadContract(): Contract {
  if (shared === undefined) {
    const doc = loadOpenApi();
    shared = { doc, validator: new ContractValidator(doc) };
  }
  return shared;
}

/**
 * The JSON Pointer of the `application/json` schema the document gives for an
 * answer of `status` to `method path`: the exact status, else its class
 * (`4XX`, `5XX`), else `default`.
 *
 * @returns undefined when the operation or the status is not documented.
 */
export function responseSchemaPointer(doc: OpenApiDocument, method: string, path: string, status: number): string | undefined {
  const lower = method.toLowerCase() as 'get' | 'post';
  const operation = doc.paths[path]?.[lower];
  if (operation === undefined) return undefined;
  const responses = operation.responses ?? {};
  const key = [String(status), `${String(status).charAt(0)}XX`, 'default'].find((candidate) => responses[candidate] !== undefined);
  if (key === undefined) return undefined;
  const base = toPointer(['paths', path, lower, 'responses', key]);
  const resolved = resolveLocal<Payload>(doc, responses[key] as Payload, base);
  if (resolved.node.content?.['application/json'] === undefined) return undefined;
  return `${resolved.pointer}${toPointer(['content', 'application/json', 'schema'])}`;
}

/**
 * Errors of an answer's body against the document's response schema for it;
 * one error naming the gap when the document has no schema for the answer.
 */
export function responseErrors(contract: Contract, method: string, path: string, status: number, body: unknown): string[] {
  const pointer = responseSchemaPointer(contract.doc, method, path, status);
  if (pointer === undefined) return [`${method} ${path} ${status} has no application/json response in the document`];
  return contract.validator.errorsAt(pointer, body);
}
