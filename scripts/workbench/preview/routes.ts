/**
 * The preview's routes: `/preview/` (the page, `?scenario=<id>`) and `/preview/bundle.js`; SLDS
 * comes from the workbench's `/assets/slds/…` like every page's.
 */
import type { Handler } from '../context.ts';
import { sendError, sendFile, sendText } from '../http-io.ts';
import { previewPage, previewWaitingPage } from './page.ts';

/** `GET /preview/`: the page for a scenario, or the building / failed page. */
export const getPreview: Handler = (ctx, { res, url }) => {
  const preview = ctx.preview;
  if (!preview) {
    sendError(res, 404, 'NOT_FOUND', 'this workbench was started without the preview (npm start serves it)');
    return;
  }
  const state = preview.state();
  if (state.status !== 'ready') {
    const waiting =
      state.status === 'building' ? { status: 'building' as const, seconds: Math.round((Date.now() - state.sinceMs) / 1000) } : state;
    sendText(res, state.status === 'building' ? 503 : 500, 'text/html; charset=utf-8', previewWaitingPage(waiting));
    return;
  }
  const requested = url.searchParams.get('scenario');
  if (requested !== null && !preview.scenarios.some((scenario) => scenario.id === requested)) {
    const known = preview.scenarios.map((scenario) => scenario.id).join(', ');
    sendError(res, 404, 'NOT_FOUND', `no preview scenario ${JSON.stringify(requested)}; use one of ${known}`, { field: 'scenario' });
    return;
  }
  sendText(res, 200, 'text/html; charset=utf-8', previewPage(preview.scenarios, preview.scenarioData(requested), state.build.hash));
};

/** `GET /preview/bundle.js`: the built bundle (503 while it builds). */
export const getBundle: Handler = (ctx, { res }) => {
  const state = ctx.preview?.current();
  if (state?.status !== 'ready') {
    sendError(res, 503, 'SERVICE_UNAVAILABLE', 'the preview is still building; reload /preview/');
    return;
  }
  sendFile(res, state.build.bundlePath, 'text/javascript; charset=utf-8', 'no-cache');
};
