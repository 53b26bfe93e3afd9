import { useId, useMemo, useState } from 'preact/hooks';
import type { ExchangeObservation } from '../../cors';
import { curlPair } from '../../report/curl';
import { CopyButton } from './CopyButton';
import { LongValue } from './Text';

function Command({ title, text, label }: { title: string; text: string; label: string }) {
  return (
    <div class="card-curl">
      <h4>{title}</h4>
      <pre class="card-code">
        <code>
          <LongValue value={text} limit={4000} multiline />
        </code>
      </pre>
      <CopyButton text={text} label={label} />
    </div>
  );
}

/** The preflight and the actual request as curl commands; secrets redacted unless asked. */
export function CurlSection({ observation }: { observation: ExchangeObservation }) {
  const [showSecrets, setShowSecrets] = useState(false);
  const id = useId();
  const pair = useMemo(
    () => curlPair(observation, { redact: !showSecrets }),
    [observation, showSecrets],
  );
  return (
    <section class="card-section" aria-label="Replay with curl">
      <h3>Replay with curl</h3>
      <p class="card-muted" data-testid="curl-redaction">
        {showSecrets
          ? 'Secrets are shown as recorded: tokens in URLs as sent, header values as markers unless Keep secret values is on.'
          : 'Secrets are redacted: cookies, Authorization and token-like values are replaced by markers.'}{' '}
        <input
          id={id}
          type="checkbox"
          checked={showSecrets}
          onChange={(event) => {
            setShowSecrets(event.currentTarget.checked);
          }}
        />{' '}
        <label for={id}>Show secrets</label>
      </p>
      {pair.preflight !== null && (
        <Command title="1. Preflight" text={pair.preflight} label="Copy curl (preflight)" />
      )}
      <Command
        title={pair.preflight !== null ? '2. Actual request' : 'Request'}
        text={pair.actual}
        label="Copy curl (actual request)"
      />
    </section>
  );
}
