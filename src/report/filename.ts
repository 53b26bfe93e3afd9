/** The name the exported report is saved under: `cors-lens-<host>-<yyyymmdd-hhmmss>.har`. */
import { parseUrl } from '../cors/url';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The page's host (port included), kept to characters every file system accepts; the
 * date in local time, as the user reads their clock. `page` when there is no host.
 */
export function harFileName(pageUrl: string | undefined, date: Date): string {
  const host = parseUrl(pageUrl ?? '')?.host ?? '';
  const safe =
    host
      .replace(/[^A-Za-z0-9.-]+/g, '_')
      .replace(/^[._-]+|[._-]+$/g, '')
      .slice(0, 80) || 'page';
  const stamp = Number.isNaN(date.getTime())
    ? '00000000-000000'
    : `${pad(date.getFullYear(), 4)}${pad(date.getMonth() + 1)}${pad(date.getDate())}-` +
      `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `cors-lens-${safe}-${stamp}.har`;
}
