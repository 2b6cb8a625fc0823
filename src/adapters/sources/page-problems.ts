/** Page-level damage the extractors report in PageInfo, turned into counted problems. */
import { type ExtractStats, recordProblem } from '../../core/extract/stats.ts';
import type { PageLinks } from '../../core/link/page.ts';

/** An unknown or unsupported charset label: decoded with the WHATWG fallback, counted. */
export function countCharsetFallback(
  stats: ExtractStats,
  file: string,
  offset: number | null,
  page: PageLinks,
): void {
  const label = page.page.unknownCharsetLabel;
  if (label === undefined) return;
  recordProblem(stats, {
    file,
    offset,
    reason: 'charset-fallback',
    message: `${page.page.url || file}: unknown charset ${JSON.stringify(label)}, decoded as ${page.page.charset}`,
  });
}
