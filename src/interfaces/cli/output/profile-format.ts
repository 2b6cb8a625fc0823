/**
 * The `profile` report as one screen: totals, dofollow share, referring domains and pages, new and lost in
 * the last 30 and 90 days, then the kinds, placements and TLDs side by side (stacked on a narrow terminal)
 * and the top referring domains.
 */
import type { ProfileReport } from '../../../app/ledger/reports.ts';
import type { NamedCount, WindowCounts } from '../../../core/ledger/rows.ts';
import { formatCount, formatShare, renderTable, sideBySide } from './text-table.ts';

const NO_LIMIT = Number.MAX_SAFE_INTEGER;

function breakdown(title: string, counts: readonly NamedCount[]): string[] {
  if (counts.length === 0) return [title, '  (none)'];
  return renderTable<NamedCount>(
    [
      { header: title, cell: (c) => c.name },
      { header: 'Links', cell: (c) => formatCount(c.links), align: 'right' },
      { header: 'Domains', cell: (c) => formatCount(c.refdomains), align: 'right' },
    ],
    counts,
    NO_LIMIT,
  );
}

const WINDOW_ROWS: readonly { label: string; key: keyof WindowCounts }[] = [
  { label: 'New links', key: 'newLinks' },
  { label: 'Lost links', key: 'lostLinks' },
  { label: 'New ref. domains', key: 'newRefdomains' },
  { label: 'Lost ref. domains', key: 'lostRefdomains' },
];

/** The levels the target names, e.g. `domain 54.2, host 51.0`; `not ranked` before `linkledger rank`. */
function authorityLine(a: ProfileReport['authority']): string {
  const parts = (['domain', 'host', 'page'] as const).flatMap((level) =>
    a[level] === null ? [] : [`${level} ${a[level].toFixed(1)}`],
  );
  return parts.length === 0 ? 'not ranked (run `linkledger rank`)' : `${parts.join(', ')} (0-100)`;
}

/** `about` describes the request (scope, filters) for the title line. */
export function profileScreen(p: ProfileReport, about: string, width: number): string[] {
  const live = p.links.live;
  const lines = [
    `Backlink profile of ${p.target} (${about})`,
    '',
    `Links          ${formatCount(p.links.total)} total, ${formatCount(live)} live, ${formatCount(p.links.lost)} lost`,
    `Dofollow       ${formatCount(p.dofollowLinks)} of ${formatCount(live)} live links (${formatShare(p.dofollowShare)})`,
    `Ref. domains   ${formatCount(p.refdomains)}`,
    `Ref. pages     ${formatCount(p.refpages)}`,
    `Authority      ${authorityLine(p.authority)}`,
    '',
    ...renderTable<(typeof WINDOW_ROWS)[number]>(
      [
        { header: '', cell: (r) => r.label },
        { header: 'Last 30 days', cell: (r) => formatCount(p.last30Days[r.key]), align: 'right' },
        { header: 'Last 90 days', cell: (r) => formatCount(p.last90Days[r.key]), align: 'right' },
      ],
      WINDOW_ROWS,
      NO_LIMIT,
    ),
    '',
    ...sideBySide(
      [breakdown('Kind', p.kinds), breakdown('Placement', p.placements), breakdown('TLD', p.tlds)],
      width,
    ),
    '',
  ];
  if (p.topDomains.length === 0) return [...lines, 'Top referring domains: none'];
  return [
    ...lines,
    ...renderTable<NamedCount>(
      [
        { header: 'Top referring domains', cell: (c) => c.name, flex: 1 },
        { header: 'Links', cell: (c) => formatCount(c.links), align: 'right' },
      ],
      p.topDomains,
      width,
    ),
  ];
}
