/**
 * The exchange card (design.md §1, step 4): everything CORS Lens knows about one
 * exchange, in the order a developer needs it: the verdict, what to change (the header
 * lines and the server snippet), then the evidence. Every value from the network is
 * rendered as text.
 */
import { useContext, useId } from 'preact/hooks';
import type { Exchange } from '../../capture/exchange';
import type { BrowserFamily } from '../../cors';
import type { LogState } from '../log/log-state';
import { CurlSection } from './CurlSection';
import { FailedCheck } from './FailedCheck';
import { FailureCause } from './FailureCause';
import { FixSection } from './FixSection';
import { HeadersSection } from './HeadersSection';
import { PreflightWhy } from './PreflightWhy';
import { SourceOpenerContext } from './source-opener';
import { Sentence, Visible } from './Text';
import { Unexplained } from './Unexplained';
import {
  leadBrowser,
  notApplicableText,
  stateText,
  statusLead,
  STATUS_LABEL,
  STATUS_MARK,
} from './verdict-text';
import { Warnings } from './Warnings';
import { WhatIf } from './WhatIf';
import './card.css';

export interface ExchangeCardProps {
  readonly exchange: Exchange;
  readonly log: LogState;
  /** Selects another exchange (the one whose preflight this one reused). */
  readonly onSelect: (id: string) => void;
  /** Whose names to lead with; default: the observation's browser, else Chromium. */
  readonly browser?: BrowserFamily;
}

function Meta({ exchange }: { exchange: Exchange }) {
  const { observation, verdict } = exchange;
  const { request } = observation;
  return (
    <dl class="card-meta">
      <div>
        <dt>Request</dt>
        <dd>
          <code>
            <Visible value={request.method} />
          </code>{' '}
          <Visible value={request.url} />
        </dd>
      </div>
      {exchange.finalUrl !== request.url && (
        <div>
          <dt>Ended at</dt>
          <dd>
            <Visible value={exchange.finalUrl} />
          </dd>
        </div>
      )}
      <div>
        <dt>From</dt>
        <dd>
          <Visible value={observation.initiatorOrigin} />
          {verdict.requestOrigin !== observation.initiatorOrigin && (
            <>
              {' '}
              (the server saw Origin <code>{verdict.requestOrigin}</code>)
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>Response</dt>
        <dd>
          {exchange.statusLine !== undefined ? (
            <Visible value={exchange.statusLine} />
          ) : observation.response ? (
            String(observation.response.status)
          ) : (
            <span class="card-muted">none</span>
          )}
          {exchange.fromCache && ' (from the browser cache)'}
        </dd>
      </div>
      {verdict.status !== 'not-applicable' && (
        <div>
          <dt>Mode</dt>
          <dd data-testid="card-mode">
            <code>{verdict.mode.value}</code>{' '}
            <span class="card-muted">({verdict.mode.source})</span>
            {!observation.page && observation.resourceType === 'xmlhttprequest' && (
              <span class="card-muted" data-testid="card-inferred">
                {' '}
                Inferred, as the credentials: the page probe did not see this call (a worker&apos;s
                fetch, a page loaded before recording started, or &quot;Read calls in the page&quot;
                off).
              </span>
            )}
          </dd>
        </div>
      )}
      {observation.page?.callSite && <CallSite site={observation.page.callSite} />}
      {verdict.status !== 'not-applicable' && (
        <div>
          <dt>Credentials</dt>
          <dd>
            {verdict.credentials.value === 'include' ? 'included' : 'not included'}{' '}
            <span class="card-muted">({verdict.credentials.source})</span>
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The page's line that made the call: a link into DevTools' Sources panel where there is one. */
function CallSite({ site }: { site: { url: string; line: number; column: number } }) {
  const open = useContext(SourceOpenerContext);
  const where = `${site.url}:${site.line}:${site.column}`;
  return (
    <div>
      <dt>Called from</dt>
      <dd data-testid="card-call-site">
        {open ? (
          <button
            type="button"
            class="link-button"
            title="Open this line in the Sources panel"
            onClick={() => {
              open(site.url, site.line, site.column);
            }}
          >
            <Visible value={where} />
          </button>
        ) : (
          <Visible value={where} />
        )}
      </dd>
    </div>
  );
}

export function ExchangeCard({ exchange, log, onSelect, browser }: ExchangeCardProps) {
  const { verdict, observation } = exchange;
  const headingId = useId();
  const lead = statusLead(verdict);
  const state = stateText(exchange);
  const failure = verdict.failure;
  const applies = verdict.status !== 'not-applicable';
  return (
    <article
      class={`exchange-card card-${verdict.status}`}
      tabIndex={-1}
      data-testid="exchange-card"
      data-exchange-id={exchange.id}
      data-status={verdict.status}
      aria-labelledby={headingId}
    >
      <header class="card-head">
        <p class={`card-status card-status-${verdict.status}`} data-testid="card-status">
          <span aria-hidden="true">{STATUS_MARK[verdict.status]}</span>{' '}
          {STATUS_LABEL[verdict.status]}
        </p>
        <h2 id={headingId} class="card-headline">
          <Sentence text={verdict.headline} />
        </h2>
      </header>

      {lead !== null && (
        <p class="card-lead" data-testid="status-lead">
          <strong>Real status first:</strong> {lead}
        </p>
      )}

      {/* What to change comes first, above the fold; the evidence follows it. */}
      {failure && <FixSection fix={failure.fix} observation={observation} verdict={verdict} />}
      {failure && (
        <FailedCheck
          failure={failure}
          lead={leadBrowser(exchange, browser)}
          beforeNetwork={observation.page?.beforeNetwork === true}
        />
      )}
      {verdict.cause && <FailureCause cause={verdict.cause} />}
      {verdict.unexplained && <Unexplained unexplained={verdict.unexplained} />}
      {/* Keyed by exchange: another exchange starts from its own responses, not these edits.
          A call refused in the page had no response to edit. */}
      {(failure !== undefined || verdict.status === 'allowed') &&
        observation.page?.beforeNetwork !== true && (
          <WhatIf key={exchange.id} observation={observation} verdict={verdict} />
        )}

      <section class="card-section" aria-label="The exchange">
        <h3>The exchange</h3>
        <Meta exchange={exchange} />
      </section>

      {(state !== null || exchange.note !== undefined) && (
        <section class="card-section card-capture" aria-label="What the capture saw">
          <h3>What the capture saw</h3>
          {state !== null && <p data-testid="capture-state">{state}</p>}
          {exchange.note !== undefined && <p>{exchange.note}</p>}
        </section>
      )}

      {!applies && (
        <section class="card-section" aria-label="Not CORS">
          <h3>Not CORS</h3>
          <p>{notApplicableText(verdict.notApplicable)}</p>
        </section>
      )}

      <Warnings warnings={verdict.warnings} />
      {applies && <PreflightWhy exchange={exchange} log={log} onSelect={onSelect} />}
      <HeadersSection observation={observation} verdict={verdict} />
      {applies && <CurlSection observation={observation} />}
    </article>
  );
}
