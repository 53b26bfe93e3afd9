import type { Exchange } from '../capture/exchange';
import type { PanelStore } from './store';
import { useStore } from './store/use-store';

const STATUS_MARK: Record<Exchange['verdict']['status'], string> = {
  allowed: '✓',
  blocked: '✕',
  'not-applicable': '–',
  unexplained: '?',
  pending: '…',
};

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}

function preflightText(exchange: Exchange): string {
  const { preflight } = exchange.verdict;
  if (preflight.seen === 'sent') return 'preflight';
  if (preflight.seen === 'cached') return 'cached preflight';
  return preflight.needed ? 'preflight not seen' : 'no preflight';
}

function Row({ exchange }: { exchange: Exchange }) {
  const { verdict, observation } = exchange;
  return (
    <tr
      class={`exchange exchange-${verdict.status}`}
      data-exchange-id={exchange.id}
      data-status={verdict.status}
      data-cors-error={verdict.failure?.corsError}
      data-failed-parameter={verdict.failure?.failedParameter}
      data-preflight={verdict.preflight.seen}
      data-cached-from={exchange.cachedFrom}
    >
      <td class="mark" aria-label={verdict.status}>
        {STATUS_MARK[verdict.status]}
      </td>
      <td class="method">{observation.request.method}</td>
      <td class="url" title={observation.request.url}>
        {pathOf(observation.request.url)}
      </td>
      <td class="initiator">{observation.initiatorOrigin}</td>
      <td class="preflight">{preflightText(exchange)}</td>
      <td class="reason">{verdict.headline}</td>
    </tr>
  );
}

/** Every cross-origin exchange of the tab, oldest first. (Virtualized list, filters: the panel issue.) */
export function ExchangeList({ store }: { store: PanelStore }) {
  const log = useStore(store, (state) => state.log);
  const rows = log.order
    .map((id) => log.byId.get(id))
    .filter((e): e is Exchange => e !== undefined);
  const blocked = rows.filter((e) => e.verdict.status === 'blocked').length;
  return (
    <section class="exchanges" aria-label="Cross-origin exchanges">
      <p class="counts" data-testid="exchange-counts">
        {rows.length} exchange{rows.length === 1 ? '' : 's'}, {blocked} blocked
        {log.stats && log.stats.dropped > 0 ? `, ${log.stats.dropped} older dropped` : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">
              <span class="visually-hidden">Verdict</span>
            </th>
            <th scope="col">Method</th>
            <th scope="col">URL</th>
            <th scope="col">Initiator</th>
            <th scope="col">Preflight</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((exchange) => (
            <Row key={exchange.id} exchange={exchange} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
