// The gate page probes' reports pass on their way to the recorder: each is parsed and
// validated (src/protocol/page-report.ts), and a tab that reports faster than any real page
// makes calls is cut off for the rest of the second. The tab and frame are the extension's
// own (`sender.tab.id`, `sender.frameId`, the ids webRequest uses), never anything in a
// report: a page can forge reports, but only about itself.
import type { PageCallReport } from '../protocol/page-report';
import { checkPageReport } from '../protocol/page-report';

export interface PageReportLimits {
  /** Reports accepted per tab within one rate window; the rest are dropped and counted. */
  readonly perWindow: number;
  readonly windowMs: number;
}

export const DEFAULT_PAGE_REPORT_LIMITS: PageReportLimits = { perWindow: 500, windowMs: 1000 };

export interface PageReportStats {
  readonly accepted: number;
  readonly rejected: number;
  readonly rateLimited: number;
  readonly lastRejection?: string;
}

interface Window {
  start: number;
  count: number;
}

export class PageReportGate {
  private readonly windows = new Map<number, Window>();
  private accepted = 0;
  private rejected = 0;
  private rateLimited = 0;
  private lastRejection: string | undefined;

  constructor(private readonly limits: PageReportLimits = DEFAULT_PAGE_REPORT_LIMITS) {}

  /** One batch from a relay (each item a JSON string from the page): the reports that pass. */
  pass(tabId: number, batch: unknown, now: number): PageCallReport[] {
    if (!Array.isArray(batch)) {
      this.reject('batch is not an array');
      return [];
    }
    let window = this.windows.get(tabId);
    if (!window || now - window.start >= this.limits.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(tabId, window);
    }
    const room = Math.max(0, this.limits.perWindow - window.count);
    // Read no more than the window still allows: a huge batch costs what a small one does.
    const items = (batch as unknown[]).slice(0, room);
    this.rateLimited += batch.length - items.length;
    window.count += items.length;
    const passed: PageCallReport[] = [];
    for (const item of items) {
      let parsed: unknown;
      try {
        parsed = typeof item === 'string' ? JSON.parse(item) : undefined;
      } catch {
        this.reject('not JSON');
        continue;
      }
      const check = checkPageReport(parsed);
      if (check.ok) passed.push(check.report);
      else this.reject(check.reason);
    }
    this.accepted += passed.length;
    return passed;
  }

  /** A tab closed: its window goes. */
  removeTab(tabId: number): void {
    this.windows.delete(tabId);
  }

  stats(): PageReportStats {
    return {
      accepted: this.accepted,
      rejected: this.rejected,
      rateLimited: this.rateLimited,
      ...(this.lastRejection === undefined ? {} : { lastRejection: this.lastRejection }),
    };
  }

  private reject(reason: string): void {
    this.rejected += 1;
    this.lastRejection = reason;
  }
}
