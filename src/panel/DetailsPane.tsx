import type { Exchange } from '../capture/exchange';
import { ExchangeCard } from './card/ExchangeCard';
import type { LogState } from './log/log-state';

export interface DetailsPaneProps {
  readonly exchange: Exchange;
  readonly log: LogState;
  /** Shows another exchange (e.g. the one whose preflight this one reused). */
  readonly onSelect: (id: string) => void;
}

/** What the details pane shows for the selected exchange: its card. */
export function DetailsPane({ exchange, log, onSelect }: DetailsPaneProps) {
  return <ExchangeCard exchange={exchange} log={log} onSelect={onSelect} />;
}
