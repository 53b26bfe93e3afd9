// MV3 service worker. Chrome may stop it at any moment and starts it again on
// the next event, so every listener is registered synchronously at the top
// level: one registered later (after an await) would miss the waking event.
import { PANEL_PORT_NAME } from '../protocol/messages';
import { listenForPorts } from '../platform/ports';
import { observeHeadersReceived } from '../platform/web-request';
import { servePanel } from './panel-session';

const workerStartedAt = Date.now();

// Capture comes later; for now the observer only proves it is wired (and that
// 'extraHeaders' was accepted). It never modifies a request.
let headersReceived = 0;
const { extraHeaders } = observeHeadersReceived(() => {
  headersReceived += 1;
});

listenForPorts(PANEL_PORT_NAME, (transport) => {
  servePanel(transport, { workerStartedAt, logger: console });
});

console.info(
  `[cors-lens] worker started; webRequest observer registered (extraHeaders: ${String(extraHeaders)})`,
);

// Lets a developer check the observer from the worker's console: corsLensDebug().
Object.assign(globalThis, {
  corsLensDebug: () => ({ workerStartedAt, headersReceived, extraHeaders }),
});
