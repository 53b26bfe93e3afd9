/**
 * Export report (design.md §1.5, §4): the exchanges the panel shows, as a HAR 1.2 file
 * with the `_cors` fields, secrets redacted unless the user opts out.
 */
import type { Exchange } from '../capture/exchange';
import { exchangeDrafts, type EntryDraft } from './har-entries';
import type { Har, HarEntry, HarPage } from './har-types';
import { Redactor } from './redactor';
import { countVerdicts } from './summary';

export interface ExportOptions {
  /** The inspected page's URL: names the HAR page and `log._cors.page`. */
  readonly page?: string;
  /** Replace cookies, credentials and token-like values by markers. Default true. */
  readonly redact?: boolean;
  /** The browser the exchanges were recorded in, for `log.browser`. */
  readonly browser?: { readonly name: string; readonly version: string };
  /** CORS Lens's version, for `log.creator`. */
  readonly creatorVersion?: string;
  /** When the report is made (ms since the epoch). Default: now. */
  readonly now?: number;
}

const PAGE_ID = 'page_1';

function byTime(a: EntryDraft, b: EntryDraft): number {
  return a.at - b.at || a.seq - b.seq || a.order - b.order;
}

export function exportHar(exchanges: readonly Exchange[], options: ExportOptions = {}): Har {
  const redactor = new Redactor(options.redact ?? true);
  for (const exchange of exchanges) redactor.learn(exchange.observation);
  const pageref = options.page === undefined ? undefined : PAGE_ID;
  const drafts = exchanges
    .flatMap((exchange) => exchangeDrafts(exchange, { redactor, ...(pageref ? { pageref } : {}) }))
    .sort(byTime);
  const indexes = new Map(drafts.map((draft, i) => [draft.key, i]));
  // The `_cors` texts are scrubbed only now, when every header has taught the redactor its secrets.
  const entries: HarEntry[] = drafts.map((draft) => ({
    ...draft.entry,
    _cors: draft.cors((key) => indexes.get(key)),
  }));
  const generatedAt = new Date(options.now ?? Date.now()).toISOString();
  const page = options.page === undefined ? null : redactor.url(options.page);
  const pages: HarPage[] =
    page === null
      ? []
      : [
          {
            startedDateTime: entries[0]?.startedDateTime ?? generatedAt,
            id: PAGE_ID,
            title: page,
            pageTimings: { onContentLoad: -1, onLoad: -1 },
          },
        ];
  return {
    log: {
      version: '1.2',
      creator: { name: 'CORS Lens', version: options.creatorVersion ?? 'dev' },
      ...(options.browser
        ? { browser: { name: options.browser.name, version: options.browser.version } }
        : {}),
      ...(pages.length > 0 ? { pages } : {}),
      entries,
      _cors: {
        page,
        generatedAt,
        counts: countVerdicts(
          exchanges.map((e) => e.verdict),
          (error) => redactor.text(error),
        ),
        redacted: redactor.report(),
      },
    },
  };
}
