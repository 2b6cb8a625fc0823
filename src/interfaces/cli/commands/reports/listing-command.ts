/**
 * The shape shared by the listing reports (`backlinks`, `refdomains`, `pages`): one TARGET argument, the
 * common report flags plus status / sort / order / limit / offset, one app function that returns rows, and
 * three renderings (JSON array, CSV rows, table). Each command is a spec of what differs.
 */
import type { Command } from 'commander';
import type { ReportRequest } from '../../../../app/ledger/reports.ts';
import type { LinkStatus, SortOrder } from '../../../../core/ledger/query.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { csvRows, type FlatKeys, jsonArray } from '../../output/report-format.ts';
import {
  addReportOptions,
  type OpenLedger,
  parseListingFlags,
  parseReportFlags,
  printListing,
  type ReportFlags,
  targetHasLinks,
  terminalWidth,
  withLedger,
} from './report-options.ts';

export interface Listing<S extends string> {
  status: LinkStatus;
  limit: number;
  offset: number;
  order?: SortOrder;
  sort?: S;
}

/** Flags as commander parsed them (the command's own options included). */
export type ExtraFlags = ReportFlags & Record<string, unknown>;

export interface ListingCommandSpec<Row, S extends string> {
  name: string;
  description: string;
  sorts: readonly S[];
  defaultSort: S;
  /** What the rows are, for the empty-result message (`backlinks`, `referring domains`). */
  noun: string;
  title: (target: string) => string;
  fetch: (store: LedgerStore, request: ReportRequest & Listing<S>, flags: ExtraFlags) => Promise<Row[]>;
  csvColumns: readonly FlatKeys<Row>[] | ((flags: ExtraFlags) => readonly FlatKeys<Row>[]);
  /** Flags of this command only (`backlinks --quality`), handed to `fetch` and `csvColumns`. */
  options?: readonly { flags: string; description: string }[];
  table: (rows: readonly Row[], width: number, listing: Listing<S>) => readonly string[];
  /** Another report behind a flag of this command (`pages --broken`): it parses the flags and prints itself. */
  variant?: {
    flag: string;
    description: string;
    active: (flags: ReportFlags & Record<string, unknown>) => boolean;
    run: (target: string, flags: ReportFlags) => Promise<void>;
  };
}

export function registerListingCommand<Row, S extends string>(
  program: Command,
  openLedger: OpenLedger,
  spec: ListingCommandSpec<Row, S>,
): void {
  const command = program.command(spec.name).description(spec.description);
  if (spec.variant) command.option(spec.variant.flag, spec.variant.description);
  for (const o of spec.options ?? []) command.option(o.flags, o.description);
  addReportOptions(command, { sorts: spec.sorts, defaultSort: spec.defaultSort }).action(
    async (target: string, flags: ReportFlags) => {
      if (spec.variant?.active(flags as ReportFlags & Record<string, unknown>))
        return spec.variant.run(target, flags);
      const { context, request } = parseReportFlags(target, flags, terminalWidth());
      const listing = parseListingFlags(flags, context.format, spec.sorts);
      const { rows, known } = await withLedger(openLedger, context.db, async (store) => {
        const rows = await spec.fetch(store, { ...request, ...listing }, flags as ExtraFlags);
        return { rows, known: rows.length > 0 || (await targetHasLinks(store, request)) };
      });
      await printListing(context, request, listing, {
        noun: spec.noun,
        title: spec.title(target),
        rows: rows.length,
        known,
        json: () => jsonArray(rows),
        csv: () =>
          csvRows(
            typeof spec.csvColumns === 'function' ? spec.csvColumns(flags as ExtraFlags) : spec.csvColumns,
            rows,
          ),
        table: () => spec.table(rows, context.width, listing),
      });
    },
  );
}
