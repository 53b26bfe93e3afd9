import { Component } from 'preact';
import type { ExchangeRow as Row } from '../../protocol/exchange-row';
import type { NavigationMarker } from '../../capture/tab-log';
import {
  hostPath,
  preflightCell,
  statusCell,
  timeCell,
  VERDICT_LABEL,
  VERDICT_MARK,
} from './format';

/** The list's columns, in order (the header, the rows and panel.css agree on them). */
export const COLUMNS = [
  { key: 'mark', label: 'Verdict', hidden: true },
  { key: 'method', label: 'Method' },
  { key: 'url', label: 'URL' },
  { key: 'initiator', label: 'Initiator' },
  { key: 'preflight', label: 'Preflight' },
  { key: 'reason', label: 'Reason' },
  { key: 'status', label: 'Status' },
  { key: 'time', label: 'Time' },
] as const;

/** The DOM id of an exchange's row (for aria-activedescendant). */
export const rowDomId = (exchangeId: string) => `exchange-row-${exchangeId}`;

interface ExchangeRowProps {
  exchange: Row;
  /** Position in the list (0-based), for aria-rowindex. */
  index: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/**
 * One exchange's row. Rendered again only when its exchange, position or selection
 * changed: each batch of new rows re-renders the list, and rebuilding every visible row's
 * cells (URL parsing included) was most of the panel's script time during a flood.
 */
export class ExchangeRow extends Component<ExchangeRowProps> {
  override shouldComponentUpdate(next: ExchangeRowProps): boolean {
    const { exchange, index, selected } = this.props;
    return next.exchange !== exchange || next.index !== index || next.selected !== selected;
  }

  // Reads the latest props at click time: a skipped render still updates them.
  private readonly onClick = () => {
    this.props.onSelect(this.props.exchange.id);
  };

  override render() {
    const { exchange, index, selected } = this.props;
    const { verdict, observation } = exchange;
    const preflight = preflightCell(exchange);
    const status = statusCell(exchange);
    const time = timeCell(exchange);
    return (
      <tr
        id={rowDomId(exchange.id)}
        class={`exchange verdict-${verdict.status}`}
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-exchange-id={exchange.id}
        data-status={verdict.status}
        data-cors-error={verdict.failure?.corsError}
        data-failed-parameter={verdict.failure?.failedParameter}
        data-preflight={verdict.preflight.seen}
        data-cached-from={exchange.cachedFrom}
        onClick={this.onClick}
      >
        <td class="mark">
          <span aria-hidden="true">{VERDICT_MARK[verdict.status]}</span>
          <span class="visually-hidden">{VERDICT_LABEL[verdict.status]}</span>
        </td>
        <td class="method">{observation.request.method}</td>
        <td class="url" title={observation.request.url}>
          {hostPath(observation.request.url)}
        </td>
        <td class="initiator" title={observation.initiatorOrigin}>
          {observation.initiatorOrigin}
        </td>
        <td class="preflight" title={preflight.title}>
          {preflight.text}
        </td>
        <td class="reason" title={verdict.headline}>
          {verdict.headline}
        </td>
        <td class="status" title={status.title}>
          {status.text}
        </td>
        <td class="time" title={time.title}>
          {time.text}
        </td>
      </tr>
    );
  }
}

/** Where the page navigated: a separator row between exchanges. */
export function MarkerRow({ marker, index }: { marker: NavigationMarker; index: number }) {
  return (
    <tr class="marker" aria-rowindex={index + 2} data-navigation-seq={marker.seq}>
      <td colSpan={COLUMNS.length} title={marker.url}>
        Navigated to {marker.url}
      </td>
    </tr>
  );
}
