/**
 * The three output formats of `linkledger extract`: JSON Lines (one object per link with exactly the
 * fields of LINK_OUTPUT_FIELDS), CSV (the same columns; rel tokens joined by spaces) and a table for people.
 */
import { LINK_OUTPUT_FIELDS, type Link } from '../../../core/link/link.ts';
import type { PageLinks } from '../../../core/link/page.ts';
import { csvLine } from './csv.ts';

export const LINK_FORMATS = ['jsonl', 'csv', 'table'] as const;
export type LinkFormat = (typeof LINK_FORMATS)[number];

export interface LinkFormatter {
  header(): string;
  page(page: PageLinks): string;
}

export function linkFormatter(format: LinkFormat, width = 120): LinkFormatter {
  switch (format) {
    case 'jsonl':
      return { header: () => '', page: (p) => p.links.map(jsonLine).join('') };
    case 'csv':
      return { header: () => csvLine(LINK_OUTPUT_FIELDS), page: (p) => p.links.map(csvRow).join('') };
    case 'table':
      return { header: () => '', page: (p) => tablePage(p, width) };
  }
}

function jsonLine(link: Link): string {
  return `${JSON.stringify({
    source: link.source,
    target: link.target,
    rawUrl: link.rawUrl,
    kind: link.kind,
    path: link.path,
    anchor: link.anchor,
    rel: link.rel,
    nofollow: link.nofollow,
    sponsored: link.sponsored,
    ugc: link.ugc,
    placement: link.placement,
  })}\n`;
}

function csvRow(link: Link): string {
  return csvLine(LINK_OUTPUT_FIELDS.map((field) => link[field]));
}

/** One block per page: a heading line, then one row per link with its flags, placement, target and anchor. */
function tablePage(page: PageLinks, width: number): string {
  const lines = [
    `\n${page.page.url}  (${page.links.length} links${page.page.status ? `, HTTP ${page.page.status}` : ''})`,
  ];
  const fixed = 12 + 1 + 8 + 1 + 4 + 1;
  const rest = Math.max(30, width - fixed - 2);
  const targetWidth = Math.ceil(rest * 0.65);
  const anchorWidth = rest - targetWidth - 1;
  for (const link of page.links) {
    const flags = `${link.nofollow ? 'N' : '-'}${link.sponsored ? 'S' : '-'}${link.ugc ? 'U' : '-'}`;
    lines.push(
      `  ${pad(link.kind, 12)} ${pad(link.placement, 8)} ${flags}  ${pad(link.target ?? `(raw) ${link.rawUrl}`, targetWidth)} ${clip(link.anchor, anchorWidth)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

function pad(text: string, width: number): string {
  return clip(text, width).padEnd(width);
}
