/**
 * What a CSV export format is: the columns it is recognised by (each role with the header spellings we
 * accept), and how one row becomes a ledger input. Detection matches header keys (csv-values.ts headerKey)
 * against every format; the format whose required roles are all present and that matches the most roles
 * wins, vendors before the generic format on a tie.
 */
import type { LostReason, ObservationInput, SourceTag } from '../../core/ledger/model.ts';

export interface RowContext {
  source: SourceTag;
  /** Import time: the "seen" date of rows that carry none. */
  now: number;
  /** The site a target-less export is about (`--target`), normalised; null when not given. */
  target: string | null;
  dayFirst: boolean;
}

export type RowResult =
  | { kind: 'observation'; observation: ObservationInput }
  | { kind: 'bad'; reason: string }
  | { kind: 'skip'; reason: string };

/** A row's cells by role. */
export interface Row {
  get(role: string): string | undefined;
  has(role: string): boolean;
}

export interface CsvFormat {
  id: string;
  /** What users call it, for messages. */
  label: string;
  source: SourceTag;
  /** role -> accepted header keys (already headerKey-normalised). */
  columns: Record<string, readonly string[]>;
  /** Roles that must all be present; an inner array means "one of these". */
  required: readonly (string | readonly string[])[];
  /** Rows name no target: the import needs `--target`. */
  needsTarget?: boolean;
  /** Shown in the unknown-header error: the columns to export. */
  expected: string;
  map(row: Row, ctx: RowContext): RowResult;
}

export interface FormatMatch {
  format: CsvFormat;
  /** role -> column index. */
  roles: Map<string, number>;
}

export function matchFormat(format: CsvFormat, headerKeys: readonly string[]): FormatMatch | null {
  const roles = new Map<string, number>();
  for (const [role, keys] of Object.entries(format.columns)) {
    // The role's spellings in order of preference: the first one the header has wins.
    for (const key of keys) {
      const index = headerKeys.indexOf(key);
      if (index !== -1) {
        roles.set(role, index);
        break;
      }
    }
  }
  for (const need of format.required) {
    const ok = typeof need === 'string' ? roles.has(need) : need.some((r) => roles.has(r));
    if (!ok) return null;
  }
  return { format, roles };
}

export function rowView(fields: readonly string[], roles: ReadonlyMap<string, number>): Row {
  return {
    get: (role) => {
      const i = roles.get(role);
      return i === undefined ? undefined : fields[i];
    },
    has: (role) => roles.has(role),
  };
}

/** Maps a vendor's drop/lost reason text onto the ledger's reasons. */
export function lostReasonOf(text: string | undefined): LostReason {
  const t = (text ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  if (t.includes('redirect')) return 'page-redirected';
  if (t.includes('noindex')) return 'noindex';
  if (t.includes('canonical')) return 'canonical-elsewhere';
  if (t.includes('nofollow')) return 'became-nofollow';
  if (t.includes('error') || t.includes('notfound') || t.includes('404') || t.includes('gone'))
    return 'page-gone';
  return 'removed';
}

export { blankObservation } from '../../core/ledger/observation.ts';
