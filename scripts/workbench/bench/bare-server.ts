/**
 * Baseline (a): a bare Node HTTP server that reads the body of
 * `POST /v1/salesforce/task-changes`, parses its JSON and answers 200 — no
 * validation, no storage. It is the most any HTTP server in one Node process
 * can do with these batches on this machine. Listens on a free loopback port
 * and prints `listening <url>`; stops on SIGTERM or SIGINT.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    let status = 200;
    let text: string;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { changes?: unknown[] };
      text = JSON.stringify({ received: Array.isArray(body.changes) ? body.changes.length : 0 });
    } catch {
      status = 400;
      text = '{"error":{"code":"INVALID_REQUEST","message":"body is not JSON"}}';
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) });
    res.end(text);
  });
});

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(`listening http://127.0.0.1:${port}`);
});
const stop = (): void => {
  server.close();
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
