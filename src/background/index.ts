// MV3 service worker. Chrome may stop it at any moment and starts it again on
// the next event, so every listener is registered synchronously at the top
// level: one registered later (after an await) would miss the waking event.
import { PANEL_PORT_NAME } from '../protocol/messages';
import { browserFamily } from '../platform/browser-family';
import { openTestPage } from '../platform/e2e';
import { listenForPorts } from '../platform/ports';
import { sessionArea } from '../platform/session-store';
import { localSettingsStore } from '../platform/settings-store';
import { probeRegistration } from '../platform/page-probe-scripts';
import { listenForPageReports } from '../platform/page-reports';
import { onTabClosed } from '../platform/tabs';
import { webRequestObserver } from '../platform/web-request';
import { listenScope } from './listen-scope';
import { keyedSnapshotStore } from './keyed-snapshot-store';
import { PageReportGate } from './page-report-gate';
import { servePanel } from './panel-session';
import { Recording } from './recording';
import { Settings } from './settings';

const workerStartedAt = Date.now();
const settings = new Settings(localSettingsStore, console);

const recording = new Recording({
  store: keyedSnapshotStore(sessionArea),
  now: () => Date.now(),
  defer: (task, ms) => {
    const handle = setTimeout(task, ms);
    return () => {
      clearTimeout(handle);
    };
  },
  logger: console,
  // A stopped worker loses at most the last second of a flood; a lone exchange is saved at once.
  saveIntervalMs: 1000,
  onlyWatchedTabs: () => settings.current().recordOnlyWithPanelOpen,
  keepSecretValues: () => settings.current().keepSecretValues,
  // Whose rules and names the verdicts lead with (Firefox's reason first in Firefox).
  options: { browser: browserFamily() },
});

// Events that arrive before the stored recording is loaded are queued, not lost.
const observer = webRequestObserver((event) => {
  recording.handle(event);
});
// Every tab until the settings are read: registered now, at the top level, so that the
// event that woke the worker is delivered. Then only what the settings and the open panels
// ask for (recording only inspected tabs, nothing at all while no panel is open).
observer.listen('all');
// The probe runs only while something records, and not at all when turned off.
const probe = probeRegistration(console);
const updateProbe = () => {
  const scope = listenScope(settings.current(), recording.watchedTabs());
  void probe.set(settings.current().pageProbe && (scope === 'all' || scope.length > 0));
};
const updateListeners = () => {
  observer.listen(listenScope(settings.current(), recording.watchedTabs()));
  updateProbe();
};
// A panel that connects to a page loaded before anything recorded it: the probe goes into
// that page now rather than at its next load.
let watched = new Set<number>();
recording.onWatchedTabsChange(() => {
  updateListeners();
  const now = new Set(recording.watchedTabs());
  if (settings.current().pageProbe) {
    for (const tabId of now) if (!watched.has(tabId)) void probe.injectInto(tabId);
  }
  watched = now;
});
const { extraHeaders } = observer;
// What page probes report (src/probe): validated and rate-bounded per tab, filed under the
// sender's tab and frame, joined by the recorder to the exchanges their calls made.
const pageReports = new PageReportGate();
listenForPageReports((sender, batch) => {
  recording.handlePageReports(sender, pageReports.pass(sender.tabId, batch, Date.now()));
});
onTabClosed((tabId) => {
  recording.removeTab(tabId);
  pageReports.removeTab(tabId);
});
listenForPorts(PANEL_PORT_NAME, (transport) => {
  servePanel(transport, { workerStartedAt, logger: console, logs: recording, settings });
});

settings.subscribe(({ maxExchangesPerTab }) => {
  recording.setMaxExchangesPerTab(maxExchangesPerTab);
  updateListeners();
});
// Settings first: the first queued events are filtered by them.
void settings.load().then(() => {
  updateListeners();
  return recording.restore();
});

console.info(
  `[cors-lens] worker started; webRequest observed (extraHeaders: ${String(extraHeaders)})`,
);

// Test builds only (vite define, false in every shipped build): Firefox's WebDriver BiDi may
// not navigate to moz-extension:// pages, so the extension opens one the tests can script.
if (__E2E__) void openTestPage();

// Lets a developer check the recording from the worker's console: corsLensDebug().
Object.assign(globalThis, {
  corsLensDebug: () => ({
    workerStartedAt,
    extraHeaders,
    listening: observer.registered(),
    ...recording.debug(),
  }),
  // And one tab's recorded exchanges, verdicts and fixes: corsLensLog(tabId).
  corsLensLog: (tabId: number) => recording.view(tabId),
  // What page probes reported and what the gate refused: corsLensPageReports().
  corsLensPageReports: () => ({ gate: pageReports.stats(), calls: recording.pageCallStats() }),
});
