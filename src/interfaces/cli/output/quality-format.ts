/** `explain` output: one block per link, every factor of its quality score with its points. */
import type { ScoredLink } from '../../../app/quality/link-quality.ts';
import { renderTable } from './text-table.ts';

export function explainText(scored: readonly ScoredLink[], width: number): string[] {
  const lines: string[] = [];
  for (const { link, quality } of scored) {
    const rel = [link.nofollow && 'nofollow', link.sponsored && 'sponsored', link.ugc && 'ugc'].filter(
      Boolean,
    );
    lines.push(
      `${link.sourceUrl} -> ${link.targetUrl}`,
      `  ${link.kind}, ${rel.length > 0 ? rel.join('+') : 'followed'}, ${link.placement}, anchor ${JSON.stringify(link.anchor)}` +
        `${link.lostAt === null ? '' : `, lost (${link.lostReason ?? 'unknown'})`}`,
      `  Quality ${quality.score.toFixed(1)} / 100`,
      '',
      ...renderTable(
        [
          { header: 'Factor', cell: (f) => f.name },
          { header: 'Input', cell: (f) => f.input, flex: 1 },
          { header: 'Value', cell: (f) => f.value.toFixed(2), align: 'right' },
          { header: 'Weight', cell: (f) => (f.role === 'base' ? f.weight.toFixed(2) : 'x'), align: 'right' },
          { header: 'Points', cell: (f) => (f.points >= 0 ? '+' : '') + f.points.toFixed(1), align: 'right' },
        ],
        quality.factors,
        width,
      ),
      '',
    );
    if (quality.factors.some((f) => !f.known))
      lines.push(
        '  Unknown inputs count as neutral: run `linkledger rank` for authority; relevance needs both pages captured',
        '  (crawl or WARC/HTML import).',
        '',
      );
  }
  return lines;
}
