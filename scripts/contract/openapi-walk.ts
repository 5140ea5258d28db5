/**
 * Enumerates the operations of the OpenAPI document and every `examples` entry
 * of their request bodies and responses, with the pointer of the schema each
 * example must satisfy.
 */
import { resolveLocal, toPointer } from './json-pointer.ts';
import { HTTP_METHODS, type OpenApiDocument, type Operation, type Payload } from './load.ts';

/** One operation of the document. */
export interface OperationRef {
  readonly path: string;
  readonly method: (typeof HTTP_METHODS)[number];
  readonly operation: Operation;
  /** e.g. "POST /v1/task-changes (receiveTaskChanges)". */
  readonly label: string;
}

/** One named example of a request body or response media type. */
export interface MediaExample {
  readonly operation: OperationRef;
  /** "request" or the response status key ("200", "4XX", …). */
  readonly where: string;
  readonly mediaType: string;
  readonly exampleName: string;
  readonly value: unknown;
  /** JSON Pointer of the media type's schema in the document (after `$ref`s). */
  readonly schemaPointer: string;
}

/** Every operation, in document order. */
export function listOperations(doc: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const label = `${method.toUpperCase()} ${path} (${operation.operationId ?? 'no operationId'})`;
      out.push({ path, method, operation, label });
    }
  }
  return out;
}

function payloadExamples(doc: OpenApiDocument, operation: OperationRef, where: string, payload: Payload, pointer: string): MediaExample[] {
  const resolved = resolveLocal(doc, payload, pointer);
  const out: MediaExample[] = [];
  for (const [mediaType, media] of Object.entries(resolved.node.content ?? {})) {
    const mediaPointer = `${resolved.pointer}${toPointer(['content', mediaType])}`;
    for (const [exampleName, example] of Object.entries(media.examples ?? {})) {
      const ex = resolveLocal(doc, example, `${mediaPointer}${toPointer(['examples', exampleName])}`);
      out.push({
        operation,
        where,
        mediaType,
        exampleName,
        value: ex.node.value,
        schemaPointer: `${mediaPointer}/schema`,
      });
    }
  }
  return out;
}

/** Every example of every request body and response of `operation`. */
export function operationExamples(doc: OpenApiDocument, operation: OperationRef): MediaExample[] {
  const base = toPointer(['paths', operation.path, operation.method]);
  const { requestBody, responses } = operation.operation;
  const out: MediaExample[] = [];
  if (requestBody) out.push(...payloadExamples(doc, operation, 'request', requestBody, `${base}/requestBody`));
  for (const [status, response] of Object.entries(responses ?? {})) {
    out.push(...payloadExamples(doc, operation, status, response, `${base}${toPointer(['responses', status])}`));
  }
  return out;
}

/** Every example in the document. */
export function listMediaExamples(doc: OpenApiDocument): MediaExample[] {
  return listOperations(doc).flatMap((op) => operationExamples(doc, op));
}
