import { useEffect, useRef, useState } from 'preact/hooks';
import { markdownReport, type ImportResult } from '../../report';
import { copyText } from '../card/clipboard';
import { logFromSnapshot } from '../log/log-state';
import type { PanelStore } from '../store';
import { useStore } from '../store/use-store';
import { ExportDialog } from './ExportDialog';
import { toPanelExchange } from './imported-exchanges';
import { progressText } from './import-messages';
import { importOffThread } from './import-off-thread';
import { inspectedPage, visibleRows, wholeExchanges } from './visible';
import './report.css';

/**
 * Reads a HAR file and shows its cross-origin exchanges, judged again by the engine: in a
 * worker, so that a large report leaves the panel responsive, with progress in the status.
 */
async function openReportFile(
  store: PanelStore,
  file: File,
  say: (status: string) => void,
): Promise<void> {
  let result: ImportResult;
  try {
    result = await importOffThread(file, (progress) => {
      say(progressText(file.name, progress));
    });
  } catch (error) {
    say(`Could not open ${file.name}: ${String(error)}`);
    return;
  }
  say('');
  const exchanges = result.exchanges.map((x, i) => toPanelExchange(x, i));
  const problems = result.ok
    ? result.problems
    : ['This file is not a HAR (no log.entries).', ...result.problems];
  // The panel holds a report's exchanges whole: they are its rows and its cards.
  store.getState().openReport(
    {
      fileName: file.name,
      source: result.source,
      problems,
      exchanges: new Map(exchanges.map((e) => [e.id, e])),
    },
    logFromSnapshot({
      exchanges,
      markers: [],
      stats: { tabId: 0, size: exchanges.length, dropped: 0, preserveLog: true },
    }),
  );
  store.getState().select(null);
}

/** Export report, Copy as Markdown and Open report: the toolbar's report actions. */
export function ReportActions({ store }: { store: PanelStore }) {
  const [exporting, setExporting] = useState(false);
  const [copied, setCopied] = useState<string>('');
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // Ctrl+S / ⌘S: export, as "save" does elsewhere.
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && event.key.toLowerCase() === 's') {
        event.preventDefault();
        setExporting(true);
      }
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const copyMarkdown = async () => {
    const state = store.getState();
    const page = inspectedPage(state);
    let exchanges;
    try {
      exchanges = await wholeExchanges(state, visibleRows(state));
    } catch {
      setCopied('Copy failed: the worker is not connected');
      return;
    }
    const ok = await copyText(markdownReport(exchanges, page ? { page } : {}));
    setCopied(ok ? 'Copied' : 'Copy failed');
  };

  return (
    <div class="report-actions" role="group" aria-label="Report">
      <button
        type="button"
        class="text-button"
        aria-keyshortcuts="Control+S"
        onClick={() => {
          setExporting(true);
        }}
      >
        Export report
      </button>
      <button type="button" class="text-button" onClick={() => void copyMarkdown()}>
        Copy as Markdown
      </button>
      <span class="report-status" role="status">
        {copied}
      </span>
      <button type="button" class="text-button" onClick={() => fileInput.current?.click()}>
        Open report…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        class="visually-hidden"
        aria-label="Report file to open"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) void openReportFile(store, file, setCopied);
          event.currentTarget.value = '';
        }}
      />
      {exporting && (
        <ExportDialog
          store={store}
          onClose={() => {
            setExporting(false);
          }}
        />
      )}
    </div>
  );
}

/** Says that a report file, not the live recording, is on show; and the way back. */
export function ReportBanner({ store }: { store: PanelStore }) {
  const report = useStore(store, (state) => state.report);
  const size = useStore(store, (state) => state.log.exchanges.length);
  if (!report) return null;
  const from = {
    'cors-lens': 'CORS Lens',
    chrome: "Chrome's Network panel",
    firefox: "Firefox's Network panel",
    unknown: 'an unknown tool',
  }[report.source];
  return (
    <div class="report-banner" role="region" aria-label="Opened report">
      <p>
        Viewing <strong>{report.fileName}</strong> (exported by {from}): {size} cross-origin
        exchange
        {size === 1 ? '' : 's'}, verdicts recomputed from the recorded headers.
      </p>
      {report.problems.length > 0 && (
        <details>
          <summary>{report.problems.length} problem(s) reading the file</summary>
          <ul>
            {report.problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </details>
      )}
      <button
        type="button"
        class="text-button"
        onClick={() => {
          store.getState().closeReport();
        }}
      >
        Back to the live recording
      </button>
    </div>
  );
}
