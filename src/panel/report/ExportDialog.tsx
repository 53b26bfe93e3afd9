import { useEffect, useRef, useState } from 'preact/hooks';
import { exportHar, harFileName } from '../../report';
import type { PanelStore } from '../store';
import { downloadText } from './download';
import { inspectedPage, visibleRows, wholeExchanges } from './visible';

/**
 * Export report: HAR 1.2 with CORS Lens's verdicts. The user picks what the filter shows
 * or everything; secrets stay redacted unless they explicitly opt in.
 */
export function ExportDialog({ store, onClose }: { store: PanelStore; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const state = store.getState();
  const visible = visibleRows(state);
  const all = state.log.exchanges;
  const [scope, setScope] = useState<'visible' | 'all'>(
    visible.length === all.length ? 'all' : 'visible',
  );
  const [keepSecrets, setKeepSecrets] = useState(false);
  /** The whole exchanges are on their way from the worker (the list holds rows only). */
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const secretValuesKept = state.settings?.keepSecretValues ?? false;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const exportNow = async () => {
    const page = inspectedPage(state);
    setBusy(true);
    setProblem('');
    let exchanges;
    try {
      exchanges = await wholeExchanges(state, scope === 'all' ? all : visible);
    } catch (error) {
      setBusy(false);
      setProblem(`Could not get the exchanges from the worker: ${String(error)}`);
      return;
    }
    const har = exportHar(exchanges, {
      ...(page ? { page } : {}),
      redact: !keepSecrets,
      creatorVersion: __APP_VERSION__,
    });
    downloadText(harFileName(page, new Date()), `${JSON.stringify(har, null, 2)}\n`);
    dialog.current?.close();
  };

  return (
    <dialog ref={dialog} class="export-dialog" aria-labelledby="export-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (!busy) void exportNow();
        }}
      >
        <h2 id="export-title">Export report</h2>
        <p>A HAR 1.2 file with each exchange's CORS verdict, for the team that runs the server.</p>
        <fieldset>
          <legend>Exchanges</legend>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'visible'}
              onChange={() => {
                setScope('visible');
              }}
            />
            What the list shows ({visible.length})
          </label>
          <label>
            <input
              type="radio"
              name="scope"
              checked={scope === 'all'}
              onChange={() => {
                setScope('all');
              }}
            />
            Everything recorded ({all.length})
          </label>
        </fieldset>
        <label class="secrets">
          <input
            type="checkbox"
            checked={keepSecrets}
            onChange={(e) => {
              setKeepSecrets(e.currentTarget.checked);
            }}
          />
          Include secrets: cookies, Authorization headers, tokens in URLs (off: replaced by a marker
          showing their length)
        </label>
        {keepSecrets && !secretValuesKept && (
          <p class="card-muted" data-testid="secrets-not-recorded">
            Header secrets were not recorded (Keep secret values is off), so they stay markers; only
            tokens in URLs come out in clear.
          </p>
        )}
        {problem !== '' && (
          <p class="card-muted" role="alert">
            {problem}
          </p>
        )}
        <div class="dialog-buttons">
          <button type="button" class="text-button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" class="text-button primary" disabled={busy}>
            {busy ? 'Preparing…' : 'Export'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
