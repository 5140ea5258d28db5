/**
 * A local HTTP server standing in for an org's Apex REST endpoint: it records every request and
 * answers from a queue of recorded Salesforce responses (the last one repeats), or drops the
 * connection unanswered; {@link signingOrg} puts the org's signing policy in front of an answer.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySignature } from '../../../contract/signature.ts';

/** One captured request. */
export interface Captured {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** One scripted answer: a status with a body (an object is sent as JSON), or a dropped connection. */
export type Scripted = { readonly status: number; readonly body: unknown; readonly headers?: Record<string, string> } | 'drop';

/** An answer computed from the request. */
export type Answerer = (body: string, headers: IncomingHttpHeaders) => Scripted;

export interface CaptureServer {
  readonly url: string;
  readonly requests: Captured[];
  /** Sets the answers to come: scripted, or computed from the request's body (and headers). */
  answer(...answers: (Scripted | Answerer)[]): void;
  close(): Promise<void>;
}

/** Answers with a 200 `SiaTaskChangeResults` applying every change of the request, each to a new Task id. */
export function appliedAll(body: string): Scripted {
  const { changes } = JSON.parse(body) as { changes: { eventId: string }[] };
  return {
    status: 200,
    body: {
      results: changes.map((change, index) => ({
        eventId: change.eventId,
        status: 'applied',
        taskId: `00T5g00000Capt${String(index).padStart(2, '0')}EAV`.slice(0, 18),
      })),
    },
  };
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: Captured[] = [];
  let queue: (Scripted | Answerer)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const next = queue.length > 1 ? queue.shift() : queue[0];
      const scripted = typeof next === 'function' ? next(body, req.headers) : (next ?? { status: 500, body: 'no answer scripted' });
      if (scripted === 'drop') {
        req.socket.destroy();
        return;
      }
      const text = typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body);
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer: (...answers) => {
      queue = answers;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers a 200 `EmailActivityResults` logging every activity of the request to one new Task. */
export function loggedAll(body: string): Scripted {
  const { activities } = JSON.parse(body) as { activities: { siaMessageId: string }[] };
  return {
    status: 200,
    body: {
      results: activities.map((activity) => ({ siaMessageId: activity.siaMessageId, status: 'applied', taskIds: ['00T5g00000LogdEEAV'] })),
    },
  };
}

/** The package's 401 to a call into an org with no signing key that does not accept unsigned calls (the contract's example). */
export const SIGNING_NOT_CONFIGURED_ANSWER: Scripted = {
  status: 401,
  body: {
    error: {
      code: 'SIGNING_NOT_CONFIGURED',
      message:
        'This org has no inbound signing key and does not accept unsigned calls: an admin generates a key on the Sales Insight Sync signing card (settings page, Setup tab) and enters it in Sales Insight, or records "accept unsigned calls" there.',
    },
  },
};

/**
 * An org that applies the contract's signature rule and then its signing policy (no grace period
 * here) before `accepted` answers: no active key → 401 SIGNING_NOT_CONFIGURED unless
 * `acceptUnsigned` (the admin's "accept unsigned calls"); a key → the signature must verify, else
 * 401 INVALID_SIGNATURE.
 */
export function signingOrg(
  policy: { readonly keys: readonly string[]; readonly acceptUnsigned: boolean; readonly nowSeconds: number },
  accepted: (body: string) => Scripted,
): Answerer {
  const header = (headers: IncomingHttpHeaders, name: string): string | null => {
    const value = headers[name];
    return typeof value === 'string' ? value : null;
  };
  return (body, headers) => {
    const verdict = verifySignature({
      keys: policy.keys,
      now: policy.nowSeconds,
      timestampHeader: header(headers, 'x-sia-timestamp'),
      signatureHeader: header(headers, 'x-sia-signature'),
      body,
    });
    if (verdict.reason === 'valid') return accepted(body);
    if (verdict.reason === 'notConfigured') return policy.acceptUnsigned ? accepted(body) : SIGNING_NOT_CONFIGURED_ANSWER;
    return { status: 401, body: { error: { code: 'INVALID_SIGNATURE', message: `signature ${verdict.reason}` } } };
  };
}
