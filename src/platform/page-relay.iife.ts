// The isolated-world half of the page probe: listens for the probe's events on `document`
// and sends them in batches to the background, which validates them and files them under
// this frame's tab and frame id (from the sender, never from the page). Built as one classic
// script (`.iife.ts`) so it is listening at document_start, before the page's first fetch.
import { PAGE_REPORT_MESSAGE } from '../protocol/page-report';
import { PROBE_EVENT } from '../probe/channel';
import { createRelay } from '../probe/relay';

// chrome/browser directly rather than the polyfill: this script runs in every frame of every
// page, and Chrome ≥ 152 and Firefox both have the promise-based `browser` natively.
const runtime = (globalThis as { browser?: typeof chrome }).browser?.runtime ?? chrome.runtime;

const sendQuietly = (message: object) => {
  try {
    // The worker may be restarting or the extension reloaded: a lost batch is acceptable.
    void Promise.resolve(runtime.sendMessage(message)).catch(() => undefined);
  } catch {
    // The extension context is gone (reloaded): nothing to report to.
  }
};

// One relay per document: a panel that connects injects it into pages already open, which
// may have it from the registration. The flag lives in the extension's isolated world, out of
// the page's sight.
const flagged = globalThis as { corsLensRelay?: true };
if (!flagged.corsLensRelay) {
  flagged.corsLensRelay = true;
  start();
}

function start(): void {
  const relay = createRelay({
    send: (reports) => {
      sendQuietly({ type: PAGE_REPORT_MESSAGE, reports });
    },
    defer: (task, ms) => {
      setTimeout(task, ms);
    },
  });

  document.addEventListener(PROBE_EVENT, (event) => {
    relay.accept((event as CustomEvent<unknown>).detail);
  });

  // A removed iframe or a navigation cancels the batch timer: what waits goes now.
  addEventListener(
    'pagehide',
    () => {
      relay.flush();
    },
    true,
  );
}
