/**
 * What the playground page and the extension's worker put on their globals for tests and
 * for a developer's console: typed once here, so that `page.evaluate(() => window.runScenario(id))`
 * needs no cast. The playground page: e2e/playground/page.ts; the worker: src/background/index.ts.
 */
import type { CallFix } from '../../src/cors';
import type { TabLogView } from '../../src/protocol/messages';

/** What one call of a scenario ended with, as the page saw it. */
export interface PlaygroundCallResult {
  readonly ok: boolean;
  readonly status?: number;
  readonly error?: string;
}

declare global {
  interface Window {
    /** `change`: fetch() options over the scenario's own, as a fix in the page's call says. */
    runScenario: (id: string, change?: CallFix) => Promise<PlaygroundCallResult[]>;
    playgroundReady?: true;
  }
  /** The worker's console helpers. */
  var corsLensDebug: () => {
    saved: boolean;
    lastProblem: string | undefined;
    listening: Array<'all' | number>;
  };
  var corsLensLog: (tabId: number) => TabLogView;
  var corsLensPageReports: () => {
    gate: { accepted: number; rejected: number; rateLimited: number };
    calls: { calls: number; waitingCalls: number; waitingExchanges: number; joined: number };
  };
}
