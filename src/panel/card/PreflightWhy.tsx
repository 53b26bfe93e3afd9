import type { Exchange } from '../../capture/exchange';
import type { PreflightReason } from '../../cors';
import type { LogState } from '../log/log-state';
import { Sentence, SentenceList } from './Text';
import { shortUrl } from './visible-text';
import { cacheAgeText } from './verdict-text';

function Reasons({ reasons }: { reasons: readonly PreflightReason[] }) {
  return <SentenceList items={reasons.map((r) => r.text)} testId="preflight-reasons" />;
}

function CachedSource({
  exchange,
  log,
  onSelect,
}: {
  exchange: Exchange;
  log: LogState;
  onSelect: (id: string) => void;
}) {
  const id = exchange.cachedFrom;
  if (id === undefined) {
    return <p class="card-muted">The exchange that sent the cached preflight was not recorded.</p>;
  }
  const source = log.byId.get(id);
  if (!source) {
    return (
      <p class="card-muted" data-testid="cached-source-gone">
        The exchange that sent the cached preflight has left the log.
      </p>
    );
  }
  const { method, url } = source.observation.request;
  return (
    <p>
      <button
        type="button"
        class="card-link"
        data-testid="cached-source"
        onClick={() => {
          onSelect(id);
        }}
      >
        Show the earlier exchange whose preflight was reused ({method} {shortUrl(url)})
      </button>
    </p>
  );
}

/** Why a preflight was needed, or why none was sent. */
export function PreflightWhy({
  exchange,
  log,
  onSelect,
}: {
  exchange: Exchange;
  log: LogState;
  onSelect: (id: string) => void;
}) {
  const { preflight } = exchange.verdict;
  const age = cacheAgeText(exchange.verdict);
  return (
    <section class="card-section" aria-label="Preflight">
      <h3>Preflight</h3>
      {preflight.needed ? (
        <>
          <p>A preflight was needed because:</p>
          <Reasons reasons={preflight.reasons} />
        </>
      ) : (
        <p>No preflight needed: a simple request, nothing in it needed one.</p>
      )}
      {preflight.seen === 'sent' && <p>The browser sent it (see the headers below).</p>}
      {preflight.seen === 'none' && preflight.needed && (
        <p class="card-muted">
          None was seen
          {exchange.observation.outcome.kind === 'in-flight' ? ' yet' : ''}.
        </p>
      )}
      {preflight.seen === 'cached' && (
        <div data-testid="preflight-cached">
          <p>
            None was sent: the browser reused a cached preflight.{' '}
            {preflight.cache && <Sentence text={preflight.cache.note} />}
          </p>
          {age && <p data-testid="cache-age">{age}</p>}
          <CachedSource exchange={exchange} log={log} onSelect={onSelect} />
        </div>
      )}
    </section>
  );
}
