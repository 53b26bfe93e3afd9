import { PAGE_REPORT_MESSAGE } from '../protocol/page-report';
import { isRecord } from '../protocol/validate';
import type { Runtime } from './browser';
import browser from './browser';

export interface PageReportSender {
  readonly tabId: number;
  readonly frameId: number;
  /** The frame's origin as the browser knows it (Chrome); undefined where not given (Firefox). */
  readonly origin: string | undefined;
}

/**
 * Listens for the page relay's batches (src/platform/page-relay.iife.ts). Register at the
 * worker's top level. Messages without a tab (another extension page) are ignored.
 */
export function listenForPageReports(
  onReports: (sender: PageReportSender, batch: unknown) => void,
): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    const tabId = sender.tab?.id;
    const { frameId } = sender;
    if (!isRecord(message) || tabId === undefined || frameId === undefined) return undefined;
    if (message.type === PAGE_REPORT_MESSAGE) {
      // `origin` is Chrome's (MessageSender.origin); the polyfill's types predate it.
      const origin = (sender as { origin?: unknown }).origin;
      onReports(
        { tabId, frameId, origin: typeof origin === 'string' ? origin : undefined },
        message.reports,
      );
    }
    // No answer: the relay does not wait for one.
    return undefined;
  });
}
