/** `explain` output: one block per link, every factor of its quality score with its points. */
import type { ScoredLink } from '../../../app/quality/link-quality.ts';
import { renderTable } from './text-table.ts';

export function explainText(scored: readonly ScoredLink[], width: number): string[] {
  const lines: string[] = [];
  for (const { link, quality, sourceTopics, targetTopics } of scored) {
    const rel = [link.nofollow && 'nofollow', link.sponsored && 'sponsored', link.ugc && 'ugc'].filter(
      Boolean,
    );
    lines.push(
      `${link.sourceUrl} -> ${link.targetUrl}`,
      `  ${link.kind}, ${rel.length > 0 ? rel.join('+') : 'followed'}, ${link.placement}, anchor ${JSON.stringify(link.anchor)}` +
        `${link.lostAt === null ? '' : `, lost (${link.lostReason ?? 'unknown'})`}`,
      `  Quality ${quality.score.toFixed(1)} / 100`,
      ...(sourceTopics.length + targetTopics.length > 0
        ? [`  Topics: source ${topics(sourceTopics)}; target ${topics(targetTopics)}`]
        : []),
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
    const unknown = quality.factors.filter((f) => !f.known).map((f) => f.name);
    if (unknown.length > 0)
      lines.push(`  Not known, counted as neutral: ${unknown.join(', ')}. ${hint(unknown)}`, '');
  }
  return lines;
}

const topics = (labels: readonly string[]) => (labels.length === 0 ? 'unknown' : labels.join(', '));

function hint(unknown: readonly string[]): string {
  const hints: string[] = [];
  if (unknown.some((n) => n.includes('authority'))) hints.push('`linkledger rank` computes authority');
  if (unknown.some((n) => n.includes('relevance')))
    hints.push('relevance needs the text of both pages (crawl them, or import a WARC or HTML files)');
  if (unknown.includes('dilution')) hints.push('dilution needs the linking page captured');
  return hints.length === 0 ? '' : `${hints.join('; ')}.`;
}
