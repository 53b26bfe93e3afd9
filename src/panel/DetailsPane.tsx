import { useMemo } from 'preact/hooks';
import type { Exchange } from '../capture/exchange';
import { markdownForExchange } from '../report';
import { CopyButton } from './card/CopyButton';
import { ExchangeCard } from './card/ExchangeCard';
import type { LogState } from './log/log-state';
import type { Details } from './store/details-slice';

export interface DetailsPaneProps {
  /** The selected exchange, whole once it has arrived (the list holds rows only). */
  readonly details: Details;
  readonly log: LogState;
  /** Shows another exchange (e.g. the one whose preflight this one reused). */
  readonly onSelect: (id: string) => void;
}

function Loaded({
  exchange,
  log,
  onSelect,
}: Omit<DetailsPaneProps, 'details'> & { exchange: Exchange }) {
  // For a ticket: written for the server's owner, secrets redacted.
  const markdown = useMemo(() => markdownForExchange(exchange), [exchange]);
  return (
    <>
      <div class="details-actions">
        <CopyButton text={markdown} label="Copy as Markdown" />
      </div>
      <ExchangeCard exchange={exchange} log={log} onSelect={onSelect} />
    </>
  );
}

/** What the details pane shows for the selected exchange: Copy as Markdown, then its card. */
export function DetailsPane({ details, log, onSelect }: DetailsPaneProps) {
  const exchange =
    details.kind === 'loaded'
      ? details.exchange
      : details.kind === 'loading'
        ? details.previous
        : undefined;
  if (exchange) return <Loaded exchange={exchange} log={log} onSelect={onSelect} />;
  return (
    <p
      class="card-muted details-note"
      role="status"
      data-testid="details-state"
      data-state={details.kind}
    >
      {details.kind === 'gone'
        ? 'This exchange has left the recording (dropped to stay within the bound, or cleared).'
        : details.kind === 'failed'
          ? `The exchange could not be loaded (${details.reason}); it loads once the panel is reconnected.`
          : 'Loading the exchange…'}
    </p>
  );
}
