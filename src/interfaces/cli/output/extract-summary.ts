/** The human summary of an extraction run (stderr), and the short link summary of the demo. */

import type { LinkSummaryFigures } from '../../../core/extract/link-summary.ts';
import { type ExtractStats, totalProblems, totalSkipped } from '../../../core/extract/stats.ts';

const n = (value: number): string => value.toLocaleString('en-US');
const EXAMPLES_PER_REASON = 3;

export function formatExtractStats(stats: ExtractStats, seconds: number): string {
  const lines = [
    `inputs ${n(stats.files)}, records ${n(stats.records)}, pages ${n(stats.pages)}, links ${n(stats.links)}` +
      (stats.unresolvedLinks ? ` (${n(stats.unresolvedLinks)} unresolvable)` : '') +
      ` in ${seconds.toFixed(2)} s`,
  ];
  if (totalSkipped(stats) > 0) lines.push(`skipped ${n(totalSkipped(stats))}: ${byReason(stats.skipped)}`);
  if (totalProblems(stats) > 0) {
    lines.push(`problems ${n(totalProblems(stats))}: ${byReason(stats.problemCounts)}`);
    // A few examples of each reason, not a wall of identical lines.
    const shown = new Map<string, number>();
    for (const p of stats.problems) {
      const count = shown.get(p.reason) ?? 0;
      shown.set(p.reason, count + 1);
      if (count < EXAMPLES_PER_REASON) {
        lines.push(`  ${p.reason}: ${p.file}${p.offset === null ? '' : ` @ byte ${p.offset}`}: ${p.message}`);
      }
    }
    const hidden =
      totalProblems(stats) - [...shown.values()].reduce((a, c) => a + Math.min(c, EXAMPLES_PER_REASON), 0);
    if (hidden > 0) lines.push(`  ... and ${n(hidden)} more`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatLinkSummary(figures: LinkSummaryFigures): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines = [
    `pages ${n(figures.pages)}, links ${n(figures.links)}, hyperlinks ${n(figures.hyperlinks)} ` +
      `(${n(figures.externalHyperlinks)} to other domains), nofollow/sponsored/ugc share ${pct(figures.nofollowShare)}`,
    `by kind: ${byReason(figures.byKind)}`,
    `by placement: ${byReason(figures.byPlacement)}`,
    'top linked domains (linking pages, links):',
    ...figures.topLinkedDomains.map(
      (d, i) =>
        `  ${String(i + 1).padStart(2)}. ${d.domain.padEnd(32)} ${n(d.pages).padStart(6)} ${n(d.links).padStart(7)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function byReason(counts: Record<string, number>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([reason, count]) => `${reason} ${n(count)}`)
    .join(', ');
}
