/** `verify` output: a summary line and a table of what changed (or of every link with `--all`). */
import type { VerifiedLink, VerifyResult } from '../../../app/crawl/verify.ts';
import { csvLine } from './csv.ts';
import { formatCount, renderTable } from './text-table.ts';

export const VERIFY_CSV_COLUMNS = [
  'change',
  'sourceUrl',
  'targetUrl',
  'kind',
  'followed',
  'anchor',
  'rel',
  'lostReason',
  'unverifiedReason',
  'status',
] as const satisfies readonly (keyof VerifiedLink)[];

export function verifySummary(result: VerifyResult): string {
  const c = result.counts;
  return (
    `verified ${formatCount(result.links.length)} links on ${formatCount(result.pages)} pages: ` +
    `live ${formatCount(c.live)}, lost ${formatCount(c.lost)}, revived ${formatCount(c.revived)}, ` +
    `still lost ${formatCount(c['still-lost'])}, new ${formatCount(c.new)}, unverified ${formatCount(c.unverified)}`
  );
}

export function verifyTable(links: readonly VerifiedLink[], width: number): string[] {
  return renderTable<VerifiedLink>(
    [
      { header: 'Change', cell: (l) => l.change },
      { header: 'Why', cell: (l) => l.lostReason ?? l.unverifiedReason ?? '' },
      {
        header: 'Source URL',
        cell: (l) => l.sourceUrl,
        flex: 5,
        clip: 'middle',
        minWidth: 16,
        comfortWidth: 32,
      },
      {
        header: 'Target URL',
        cell: (l) => l.targetUrl,
        flex: 4,
        clip: 'middle',
        minWidth: 16,
        comfortWidth: 28,
      },
      { header: 'Anchor', cell: (l) => l.anchor, flex: 2, optional: 2 },
      { header: 'Link', cell: (l) => (l.followed ? l.kind : `${l.kind} nofollow`), optional: 1 },
      {
        header: 'HTTP',
        cell: (l) => (l.status === null ? '' : String(l.status)),
        align: 'right',
        optional: 3,
      },
    ],
    links,
    width,
  );
}

export function* verifyCsv(links: readonly VerifiedLink[]): Iterable<string> {
  yield csvLine(VERIFY_CSV_COLUMNS);
  for (const l of links) yield csvLine(VERIFY_CSV_COLUMNS.map((k) => l[k]));
}
