/** One line of the list: an exchange's row, or where the page navigated. */
import type { NavigationMarker } from '../../capture/tab-log';
import type { ExchangeRow } from '../../protocol/exchange-row';

export type ListRow = ExchangeRow | NavigationMarker;

export const isMarker = (row: ListRow): row is NavigationMarker => row.kind === 'navigation';
