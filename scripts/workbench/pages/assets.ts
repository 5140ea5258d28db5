/** `GET /assets/slds/{path}`: SLDS's CSS, fonts and icons from `@salesforce-ux/design-system`, nothing outside them. */
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Handler } from '../context.ts';
import { sendError, sendFile } from '../http-io.ts';

const ASSETS = join(fileURLToPath(new URL('../../..', import.meta.url)), 'node_modules', '@salesforce-ux', 'design-system', 'assets');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

export const getSldsAsset: Handler = (_ctx, { res, params }) => {
  const path = normalize(join(ASSETS, params['path'] ?? ''));
  if (!path.startsWith(ASSETS + sep) || !existsSync(path) || !statSync(path).isFile()) {
    sendError(res, 404, 'NOT_FOUND', `no SLDS asset ${params['path'] ?? ''}`);
    return;
  }
  sendFile(res, path, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', 'public, max-age=3600');
};
