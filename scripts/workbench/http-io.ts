/**
 * Reading requests and writing answers: bounded bodies, JSON answers with the
 * contract's `ErrorResponse` shape. Every answer of the workbench is JSON except
 * the home page and the OpenAPI document.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A body that did not fit: the reader stopped before the end. */
export interface OversizeBody {
  readonly kind: 'oversize';
  readonly bytesRead: number;
}

/** A body read whole. */
export interface CompleteBody {
  readonly kind: 'complete';
  readonly text: string;
}

/**
 * Reads the body as UTF-8, stopping once it exceeds `limit` bytes (the rest is
 * not buffered; the connection is closed after the answer).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<CompleteBody | OversizeBody> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve({ kind: 'oversize', bytesRead: 0 });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve({ kind: 'oversize', bytesRead: size });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve({ kind: 'complete', text: Buffer.concat(chunks).toString('utf8') });
    });
    req.on('error', reject);
  });
}

/** Writes a JSON answer. `close` asks the client to open a new connection (after an unread body). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, close = false): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    'cache-control': 'no-store',
    ...(close ? { connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
}

/** Writes the contract's `ErrorResponse`: `{ error: { code, message, field? } }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  options: { field?: string; headers?: Record<string, string>; close?: boolean } = {},
): void {
  const error = options.field === undefined ? { code, message } : { code, message, field: options.field };
  sendJson(res, status, { error }, options.headers, options.close ?? false);
}

/** Whether the request's content type is `application/json` (parameters such as charset allowed). */
export function isJsonContentType(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/** Streams a file (the preview's bundle, SLDS assets) with its type and cache policy. */
export function sendFile(res: ServerResponse, path: string, contentType: string, cacheControl: string): void {
  res.writeHead(200, { 'content-type': contentType, 'content-length': statSync(path).size, 'cache-control': cacheControl });
  createReadStream(path).pipe(res);
}

/** Writes a non-JSON answer (HTML, YAML). */
export function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(text)), 'cache-control': 'no-store' });
  res.end(text);
}
