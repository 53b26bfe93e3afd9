import { useMemo } from 'preact/hooks';
import type { Exchange } from '../capture/exchange';
import { markdownForExchange } from '../report';
import { CopyButton } from './card/CopyButton';
import { ExchangeCard } from './card/ExchangeCard';
import type { LogState } from './log/log-state';

export interface DetailsPaneProps {
  readonly exchange: Exchange;
  readonly log: LogState;
  /** Shows another exchange (e.g. the one whose preflight this one reused). */
  readonly onSelect: (id: string) => void;
}

/** What the details pane shows for the selected exchange: Copy as Markdown, then its card. */
export function DetailsPane({ exchange, log, onSelect }: DetailsPaneProps) {
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
