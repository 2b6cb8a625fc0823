/**
 * What the report commands share: their flags (ledger file, output format, target scope, filters, sorting
 * and paging), parsed into the app layer's ReportRequest before any file is opened, so that a bad value is
 * a UsageError naming the allowed values; opening and always closing the ledger; printing a report and the
 * message for an empty one.
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { type ReportRequest, reportBacklinks } from '../../../../app/ledger/reports.ts';
import { UsageError } from '../../../../core/errors.ts';
import type { LedgerKind } from '../../../../core/ledger/model.ts';
import {
  DEFAULT_LIMIT,
  type LinkStatus,
  MAX_LIMIT,
  REPORT_KINDS,
  SCOPES,
  type Scope,
  type SortOrder,
  targetSelector,
} from '../../../../core/ledger/query.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { LINK_KINDS, PLACEMENTS, type Placement } from '../../../../core/link/link.ts';
import { DEFAULT_DB_FILE, dbPathOf } from '../../db-path.ts';
import { REPORT_FORMATS, type ReportFormat } from '../../output/report-format.ts';
import { TextSink } from '../../output/text-sink.ts';
import { formatCount } from '../../output/text-table.ts';

/** Opens the ledger at a path (the composition root picks the backend). */
export type OpenLedger = (path: string) => Promise<LedgerStore>;

/** A DuckDB ledger that lives in memory only: always empty, but a valid --db for trying the commands. */
const IN_MEMORY = ':memory:';

export const LEDGER_KINDS: readonly LedgerKind[] = [...LINK_KINDS, 'webgraph'];
const STATUSES: readonly LinkStatus[] = ['live', 'lost', 'all'];
const ORDERS: readonly SortOrder[] = ['asc', 'desc'];

/** Flags as commander hands them over (strings until parsed). */
export interface ReportFlags {
  db?: string;
  format: string;
  scope: string;
  dofollow?: boolean;
  kind?: string[];
  placement?: string[];
  since?: string;
  includeInternal?: boolean;
  status?: string;
  sort?: string;
  order?: string;
  limit?: string;
  offset?: string;
}

export interface ReportContext {
  db: string;
  format: ReportFormat;
  /** Terminal width for tables. */
  width: number;
  /** True when --limit was given (json/csv otherwise return everything up to MAX_LIMIT). */
  limitGiven: boolean;
}

const collect = (value: string, previous: readonly string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];
const list = (values: readonly string[]) => values.join(', ');

/** The target argument and the flags of every report; `listing` adds status, sorting and paging. */
export function addReportOptions(
  command: Command,
  listing: { sorts: readonly string[]; defaultSort: string } | null,
): Command {
  command
    .argument('<target>', 'a registrable domain, host, URL or URL prefix (see --scope)')
    .option('--db <path>', `ledger file (default ${DEFAULT_DB_FILE}, or $LINKLEDGER_DB)`)
    .option('-f, --format <format>', `output format: ${list(REPORT_FORMATS)}`, 'table')
    .option(
      '--scope <scope>',
      `what TARGET names: ${list(SCOPES)} (url and prefix match http and https when typed without a scheme)`,
      'domain',
    )
    .option('--dofollow', 'only followed links (not nofollow, sponsored or ugc)')
    .option(
      '--kind <kinds>',
      `link kinds, repeatable or comma-separated: ${list(LEDGER_KINDS)}, or all (default: ${list(REPORT_KINDS)})`,
      collect,
    )
    .option(
      '--placement <placements>',
      `where the link sits on its page, repeatable or comma-separated: ${list(PLACEMENTS)}`,
      collect,
    )
    .option('--since <date>', 'only links first seen on or after this day (YYYY-MM-DD, UTC)')
    .option('--include-internal', "also links from the target's own registrable domain");
  if (listing !== null) {
    command
      .option('--status <status>', `${list(STATUSES)}`, 'live')
      .option('--sort <field>', `${list(listing.sorts)} (default ${listing.defaultSort})`)
      .option('--order <order>', `${list(ORDERS)} (default: the natural order of the sort)`)
      .option(
        '--limit <n>',
        `rows to show, 1 to ${formatCount(MAX_LIMIT)} (default ${DEFAULT_LIMIT} for table, ${formatCount(MAX_LIMIT)} for json and csv)`,
      )
      .option('--offset <n>', 'rows to skip (default 0; the next page starts at offset + limit)');
  }
  return command;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${list(allowed)} (got ${JSON.stringify(value)})`);
}

/** Repeatable, comma-separated values, each one of `allowed`. */
function someOf<T extends string>(flag: string, values: readonly string[], allowed: readonly T[]): T[] {
  const parts = values.flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase());
  return [...new Set(parts.filter((v) => v !== '').map((v) => oneOf(flag, v, allowed)))];
}

export function integerFlag(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? `of at least ${formatCount(min)}`
        : `from ${formatCount(min)} to ${formatCount(max)}`;
    throw new UsageError(`${flag} must be an integer ${range} (got ${JSON.stringify(value)})`);
  }
  return n;
}

/** `YYYY-MM-DD` (UTC) to epoch ms; a real calendar day only. */
function dayFlag(flag: string, value: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  const t = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (!match || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== value.trim()) {
    throw new UsageError(`${flag} must be a day as YYYY-MM-DD (got ${JSON.stringify(value)})`);
  }
  return t;
}

/** The target, scope and filters shared by every report (profile included). */
export function parseReportFlags(
  target: string,
  flags: ReportFlags,
  width: number,
): { context: ReportContext; request: ReportRequest } {
  const format = oneOf('--format', flags.format, REPORT_FORMATS);
  const scope: Scope = oneOf('--scope', flags.scope, SCOPES);
  targetSelector(target, scope); // a target that cannot be read in its scope fails before the ledger opens
  const kinds = someOf('--kind', flags.kind ?? [], [...LEDGER_KINDS, 'all'] as const);
  const placements: Placement[] = someOf('--placement', flags.placement ?? [], PLACEMENTS);
  const request: ReportRequest = { target, scope };
  if (flags.includeInternal) request.includeInternal = true;
  if (flags.dofollow) request.dofollowOnly = true;
  if (kinds.length > 0) {
    request.kinds = kinds.includes('all') ? 'all' : kinds.filter((k): k is LedgerKind => k !== 'all');
  }
  if (placements.length > 0) request.placements = placements;
  if (flags.since !== undefined) request.firstSeenSince = dayFlag('--since', flags.since);
  const db = dbPathOf(flags.db);
  if (db.trim() === '') throw new UsageError('--db (or LINKLEDGER_DB) must name a file');
  return {
    context: { db, format, width, limitGiven: flags.limit !== undefined },
    request,
  };
}

/** Status, sort, order and paging of a listing report. */
export function parseListingFlags<S extends string>(
  flags: ReportFlags,
  format: ReportFormat,
  sorts: readonly S[],
): { status: LinkStatus; limit: number; offset: number; order?: SortOrder; sort?: S } {
  const listing: { status: LinkStatus; limit: number; offset: number; order?: SortOrder; sort?: S } = {
    status: oneOf('--status', flags.status ?? 'live', STATUSES),
    limit:
      flags.limit === undefined
        ? format === 'table'
          ? DEFAULT_LIMIT
          : MAX_LIMIT
        : integerFlag('--limit', flags.limit, 1, MAX_LIMIT),
    offset: integerFlag('--offset', flags.offset ?? '0', 0),
  };
  if (flags.order !== undefined) listing.order = oneOf('--order', flags.order, ORDERS);
  if (flags.sort !== undefined) listing.sort = oneOf('--sort', flags.sort, sorts);
  return listing;
}

/**
 * Runs `use` on the ledger at `db` and always closes it. A report never creates a ledger: a missing file is
 * a UsageError saying how to make one.
 */
export async function withLedger<T>(
  open: OpenLedger,
  db: string,
  use: (store: LedgerStore) => Promise<T>,
): Promise<T> {
  if (db !== IN_MEMORY) {
    const stat = statSync(db, { throwIfNoEntry: false });
    if (stat === undefined) {
      throw new UsageError(
        `no ledger at ${db}: import data first with \`linkledger import FILE...\`, or point --db (or LINKLEDGER_DB) at an existing ledger`,
      );
    }
    if (!stat.isFile()) throw new UsageError(`--db ${db} is not a file`);
  }
  const store = await open(db);
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** Whether the ledger holds any link at all to the target in its scope (whatever the filters say). */
export async function targetHasLinks(store: LedgerStore, request: ReportRequest): Promise<boolean> {
  const probe: ReportRequest = { target: request.target, status: 'all', kinds: 'all', includeInternal: true };
  if (request.scope !== undefined) probe.scope = request.scope;
  return (await reportBacklinks(store, { ...probe, limit: 1 })).length > 0;
}

/** Why a report came out empty, in words that say what to do. */
export function emptyMessage(
  noun: string,
  request: ReportRequest,
  db: string,
  known: boolean,
  offset = 0,
): string {
  if (!known)
    return `no backlinks to ${request.target} in ${db}; import data first with \`linkledger import\``;
  if (offset > 0) return `no more ${noun} of ${request.target} past --offset ${offset}`;
  return `no ${noun} of ${request.target} match these filters (try --status all, --include-internal or --kind all)`;
}

/** A one-line description of what a report shows, for the line above a table. */
export function describeRequest(
  request: ReportRequest,
  listing: { status: LinkStatus; offset: number } | null,
  rows: number,
): string {
  const parts: string[] = [`scope ${request.scope ?? 'domain'}`];
  if (listing !== null) parts.push(`${listing.status} links`);
  if (request.dofollowOnly) parts.push('dofollow only');
  if (request.kinds !== undefined)
    parts.push(`kinds ${request.kinds === 'all' ? 'all' : list(request.kinds)}`);
  if (request.placements !== undefined) parts.push(`placements ${list(request.placements)}`);
  if (typeof request.firstSeenSince === 'number') {
    parts.push(`first seen since ${new Date(request.firstSeenSince).toISOString().slice(0, 10)}`);
  }
  parts.push(request.includeInternal ? 'internal links included' : 'external links only');
  if (listing !== null && rows > 0) {
    parts.push(`rows ${formatCount(listing.offset + 1)}-${formatCount(listing.offset + rows)}`);
  }
  return parts.join(', ');
}

/** Writes chunks to stdout with back-pressure; stops quietly when the reader went away (`| head`). */
export async function writeStdout(chunks: Iterable<string>): Promise<void> {
  const sink = new TextSink(process.stdout);
  for (const chunk of chunks) {
    if (sink.isClosed) break;
    await sink.write(chunk);
  }
  await sink.flush();
}

export function warn(message: string): void {
  process.stderr.write(`linkledger: ${message}\n`);
}

/** The terminal's width for tables; when stdout is not a terminal, $COLUMNS or 120. */
export function terminalWidth(): number {
  const columns = Number(process.env.COLUMNS);
  return process.stdout.columns || (Number.isInteger(columns) && columns > 0 ? columns : 120);
}

export interface ListingOutput {
  noun: string;
  title: string;
  rows: number;
  known: boolean;
  json: () => Iterable<string>;
  csv: () => Iterable<string>;
  table: () => readonly string[];
}

/**
 * Prints a listing report. An empty one: the message on stdout for a table; for json and csv, valid empty
 * output on stdout and the message on stderr. A full page says how to get the next one.
 */
export async function printListing(
  context: ReportContext,
  request: ReportRequest,
  listing: { status: LinkStatus; limit: number; offset: number },
  out: ListingOutput,
): Promise<void> {
  const empty =
    out.rows === 0 ? emptyMessage(out.noun, request, context.db, out.known, listing.offset) : null;
  const more = out.rows === listing.limit ? `more with --offset ${listing.offset + listing.limit}` : null;
  if (context.format === 'table') {
    if (empty !== null) return writeStdout([`${empty}\n`]);
    const lines = [`${out.title} (${describeRequest(request, listing, out.rows)})`, '', ...out.table()];
    if (more !== null) lines.push('', more);
    return writeStdout([`${lines.join('\n')}\n`]);
  }
  await writeStdout(context.format === 'json' ? out.json() : out.csv());
  if (empty !== null) warn(empty);
  else if (more !== null && !context.limitGiven) {
    warn(`output stopped at ${formatCount(listing.limit)} rows; ${more}`);
  }
}
