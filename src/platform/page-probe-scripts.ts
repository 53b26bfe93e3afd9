// Registers the page probe (src/probe, MAIN world) and its relay (isolated world) as
// content scripts while something records, and unregisters them when nothing does: a
// static manifest entry would run in every frame of every page all day, and each page's
// calls would wake the worker with messages nobody reads (issue: nothing while nothing
// records). Registered, not executed per tab: only a registration runs at document_start,
// before the page's own scripts can take `fetch`.
//
// `?script` makes crxjs build each `.iife.ts` file as one classic script and hand back its
// file name in dist/.
import relayFile from './page-relay.iife.ts?script';
import probeFile from '../probe/page-probe.iife.ts?script';
import browser from './browser';

const RELAY_ID = 'cors-lens-page-relay';
const PROBE_ID = 'cors-lens-page-probe';
// The host permissions' patterns; matchOriginAsFallback adds about:blank, srcdoc, blob: and
// data: frames, judged by the origin that made them.
const MATCHES = ['http://*/*', 'https://*/*'];

type Registered = Awaited<ReturnType<typeof browser.scripting.getRegisteredContentScripts>>;

function scripts(
  fallback: boolean,
): Parameters<typeof browser.scripting.registerContentScripts>[0] {
  const common = {
    matches: MATCHES,
    runAt: 'document_start',
    allFrames: true,
    // A browser restart starts with nothing registered; the worker registers again if needed.
    persistAcrossSessions: false,
    ...(fallback ? { matchOriginAsFallback: true } : {}),
  } as const;
  // The relay first: it must be listening before the probe's first report.
  return [
    { id: RELAY_ID, js: [relayFile], ...common },
    { id: PROBE_ID, js: [probeFile], world: 'MAIN', ...common },
  ];
}

export interface ProbeRegistration {
  /** Registers or unregisters the scripts so that they run exactly when `wanted`. */
  set(wanted: boolean): Promise<void>;
  /**
   * Puts the probe into the documents a tab already shows (a panel just connected to a page
   * loaded before anything recorded it). Each script keeps to one copy per document.
   */
  injectInto(tabId: number): Promise<void>;
}

/**
 * Idempotent and serialized: the worker calls set() whenever the recording scope changes,
 * and after a restart finds whatever an earlier worker left registered.
 */
export function probeRegistration(logger: Pick<Console, 'warn'>): ProbeRegistration {
  let queue: Promise<void> = Promise.resolve();
  const apply = async (wanted: boolean) => {
    const scripting = browser.scripting;
    let current: Registered;
    try {
      current = await scripting.getRegisteredContentScripts({ ids: [RELAY_ID, PROBE_ID] });
    } catch (error) {
      logger.warn('[cors-lens] page probe: cannot list content scripts', error);
      return;
    }
    const complete = current.length === 2;
    if (wanted && complete) return;
    if (!wanted && current.length === 0) return;
    if (current.length > 0) {
      await scripting.unregisterContentScripts({ ids: current.map((s) => s.id) });
    }
    if (!wanted) return;
    try {
      await scripting.registerContentScripts(scripts(true));
    } catch (error) {
      // A browser without matchOriginAsFallback (older Firefox) still gets every http(s) frame.
      logger.warn('[cors-lens] page probe: registering without matchOriginAsFallback', error);
      await scripting.registerContentScripts(scripts(false));
    }
  };
  const inject = async (tabId: number) => {
    const target = { tabId, allFrames: true };
    // The relay first, so that it listens before the probe's first report.
    await browser.scripting.executeScript({ target, files: [relayFile], injectImmediately: true });
    await browser.scripting.executeScript({
      target,
      files: [probeFile],
      world: 'MAIN',
      injectImmediately: true,
    });
  };
  return {
    injectInto(tabId) {
      return inject(tabId).catch((error: unknown) => {
        // A tab showing a page the extension may not script (the web store, chrome://).
        logger.warn(`[cors-lens] page probe: not injected into tab ${String(tabId)}`, error);
      });
    },
    set(wanted) {
      queue = queue
        .then(() => apply(wanted))
        .catch((error: unknown) => {
          logger.warn('[cors-lens] page probe: registration failed', error);
        });
      return queue;
    },
  };
}
