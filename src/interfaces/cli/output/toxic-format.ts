/** `toxic` output: the flagged links with their reasons (table, CSV) and the summary line. */
import type { LinkToxicity, ToxicityReport } from '../../../core/toxicity/model.ts';
import { csvLine } from './csv.ts';
import { formatCount, renderTable } from './text-table.ts';

export const TOXIC_CSV_COLUMNS = [
  'score',
  'sourceUrl',
  'sourceDomain',
  'targetUrl',
  'reasons',
  'schemes',
  'evidence',
];

export function toxicTable(links: readonly LinkToxicity[], width: number): string[] {
  return renderTable<LinkToxicity>(
    [
      { header: 'Score', cell: (l) => String(l.score), align: 'right' },
      {
        header: 'Source URL',
        cell: (l) => l.sourceUrl,
        flex: 4,
        clip: 'middle',
        minWidth: 16,
        comfortWidth: 30,
      },
      { header: 'Reasons', cell: (l) => l.reasons.map((r) => r.code).join(', '), flex: 2 },
      { header: 'Evidence', cell: (l) => l.reasons[0]?.evidence ?? '', flex: 4, optional: 1 },
    ],
    links,
    width,
  );
}

export function* toxicCsv(links: readonly LinkToxicity[]): Iterable<string> {
  yield csvLine(TOXIC_CSV_COLUMNS);
  for (const l of links) {
    yield csvLine([
      l.score,
      l.sourceUrl,
      l.sourceDomain,
      l.targetUrl,
      l.reasons.map((r) => r.code).join(';'),
      l.reasons.map((r) => r.scheme).join(';'),
      l.reasons.map((r) => r.evidence).join(' | '),
    ]);
  }
}

export function toxicSummary(report: ToxicityReport): string[] {
  const flagged = report.links.filter((l) => l.flagged);
  const domains = report.domains.filter((d) => d.flaggedLinks > 0);
  const lines = [
    `${formatCount(flagged.length)} of ${formatCount(report.links.length)} links flagged as toxic, from ` +
      `${formatCount(domains.length)} referring domains` +
      (report.whitelisted.links > 0
        ? ` (${formatCount(report.whitelisted.links)} whitelisted links left out)`
        : ''),
  ];
  for (const u of report.unavailable) lines.push(`  not checked: ${u.code} (${u.why})`);
  return lines;
}
