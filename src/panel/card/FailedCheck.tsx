import type { BrowserFamily, CorsFailure } from '../../cors';
import { LongValue, Visible } from './Text';
import { stageText } from './verdict-text';

function Names({ failure, lead }: { failure: CorsFailure; lead: BrowserFamily }) {
  const chromium = (
    <div key="chromium" data-testid="chromium-name">
      <dt>Chromium</dt>
      <dd>
        <code>{failure.corsError}</code>
      </dd>
    </div>
  );
  const firefox = (
    <div key="firefox" data-testid="firefox-name">
      <dt>Firefox</dt>
      <dd>
        {failure.firefoxReason ? (
          <code>{failure.firefoxReason}</code>
        ) : (
          <span class="card-muted">no reason of its own for this check</span>
        )}
      </dd>
    </div>
  );
  return <>{lead === 'firefox' ? [firefox, chromium] : [chromium, firefox]}</>;
}

/** A header value as code; `words` for the engine's descriptions ("a list that contains PUT"). */
function Value({ value, words = false }: { value: string | null; words?: boolean }) {
  if (value === null) return <em class="card-missing">missing</em>;
  if (value === '') return <em class="card-missing">empty</em>;
  if (words) return <LongValue value={value} />;
  return (
    <code>
      <LongValue value={value} />
    </code>
  );
}

function ConsoleMessages({ failure, lead }: { failure: CorsFailure; lead: BrowserFamily }) {
  const chromium = (
    <div key="chromium">
      <h4>Chromium’s console</h4>
      <pre class="card-code">
        <LongValue value={failure.consoleMessage} limit={4000} multiline />
      </pre>
    </div>
  );
  const firefox = (
    <div key="firefox">
      <h4>Firefox’s console</h4>
      {failure.firefoxMessage ? (
        <pre class="card-code">
          <LongValue value={failure.firefoxMessage} limit={4000} multiline />
        </pre>
      ) : (
        <p class="card-muted">Firefox prints no message of its own for this check.</p>
      )}
    </div>
  );
  return (
    <details class="card-console">
      <summary>Console messages</summary>
      {lead === 'firefox' ? [firefox, chromium] : [chromium, firefox]}
    </details>
  );
}

/** Which check failed, by both browsers' names, with what it wanted and what it got. */
export function FailedCheck({
  failure,
  lead,
  beforeNetwork = false,
}: {
  failure: CorsFailure;
  lead: BrowserFamily;
  /** Refused in the page before any request left: there is no response to point at. */
  beforeNetwork?: boolean;
}) {
  const offending = failure.offending ?? [];
  return (
    <section class="card-section" aria-label="The failed check">
      <h3>The failed check</h3>
      <dl class="card-facts">
        <Names failure={failure} lead={lead} />
        <div>
          <dt>Where</dt>
          <dd data-testid="failed-where">
            {beforeNetwork ? (
              'the call itself, refused in the page before it was sent to '
            ) : (
              <>
                {stageText(failure.stage)}
                {failure.httpStatus !== null && ` (status ${failure.httpStatus})`} from{' '}
              </>
            )}
            <Visible value={failure.url} />
          </dd>
        </div>
        <div data-testid="failed-header">
          <dt>Header</dt>
          <dd>{failure.header === null ? '—' : <code>{failure.header}</code>}</dd>
        </div>
        <div>
          <dt>Expected</dt>
          <dd>
            <Value value={failure.expected} words={/\s/.test(failure.expected)} />
          </dd>
        </div>
        <div data-testid="failed-actual">
          <dt>Actual</dt>
          <dd>
            <Value value={failure.actual} />
          </dd>
        </div>
        <div>
          <dt>failedParameter</dt>
          <dd>
            {failure.failedParameter === '' ? (
              <span class="card-muted">empty (Chromium reports none for this check)</span>
            ) : (
              <code>
                <LongValue value={failure.failedParameter} />
              </code>
            )}
          </dd>
        </div>
        {offending.length > 1 && (
          <div>
            <dt>Not allowed</dt>
            <dd>
              {offending.map((name, i) => (
                <span key={i}>
                  {i > 0 && ', '}
                  <code>
                    <Visible value={name} />
                  </code>
                </span>
              ))}
            </dd>
          </div>
        )}
      </dl>
      <ConsoleMessages failure={failure} lead={lead} />
    </section>
  );
}
