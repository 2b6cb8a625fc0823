/**
 * `linkledger toxic TARGET`: backlinks that look harmful, each with a score, its reasons and the evidence,
 * every reason tied to one of Google's link-scheme examples. Whitelisted links (`linkledger whitelist`)
 * are left out.
 */
import { type Command, Option } from 'commander';
import { auditToxicity } from '../../../../app/quality/toxic.ts';
import { SCOPES, type Scope } from '../../../../core/ledger/query.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { dbPathOf } from '../../db-path.ts';
import { toxicCsv, toxicSummary, toxicTable } from '../../output/toxic-format.ts';
import { readTrusted, warnUnknownSeeds } from './trusted-file.ts';

interface ToxicFlags {
  db?: string;
  scope: Scope;
  all?: boolean;
  minScore?: string;
  brand: string[];
  keyword: string[];
  trusted?: string;
  format: 'table' | 'json' | 'csv';
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerToxic(program: Command, openStore: (path: string) => Promise<LedgerStore>): void {
  program
    .command('toxic')
    .description('backlinks that look harmful, with a score, the reasons and the evidence')
    .argument('<target>', 'a registrable domain, host, URL or URL prefix (see --scope)')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .addOption(new Option('--scope <scope>', 'how TARGET is matched').choices(SCOPES).default('domain'))
    .option('--all', 'every assessed link, not only the flagged ones')
    .option('--min-score <n>', 'list links scoring at least this (default: the flag threshold, 50)')
    .option(
      '--brand <term>',
      'a brand term for anchor classes (repeatable; default: the domain name)',
      collect,
      [],
    )
    .option('--keyword <term>', 'a money keyword for exact-match anchors (repeatable)', collect, [])
    .option(
      '--trusted <file>',
      'domains you trust, one per line: computes spam mass (the high-spam-mass reason)',
    )
    .addOption(
      new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'),
    )
    .action(async (target: string, flags: ToxicFlags) => {
      const minScore = flags.minScore === undefined ? null : Number(flags.minScore);
      const trusted = readTrusted(flags.trusted);
      const store = await openStore(dbPathOf(flags.db));
      try {
        const { report, unknownSeeds } = await auditToxicity(store, {
          target,
          scope: flags.scope,
          brandTerms: flags.brand,
          keywords: flags.keyword,
          trusted,
        });
        warnUnknownSeeds(unknownSeeds);
        const shown = report.links
          .filter((l) => flags.all || (minScore === null ? l.flagged : l.score >= minScore))
          .sort((a, b) => b.score - a.score || (a.sourceUrl < b.sourceUrl ? -1 : 1));
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ ...report, links: shown })}\n`);
        else if (flags.format === 'csv')
          for (const line of toxicCsv(shown)) process.stdout.write(`${line}\n`);
        else if (shown.length > 0)
          process.stdout.write(`${toxicTable(shown, process.stdout.columns ?? 120).join('\n')}\n`);
        process.stderr.write(`${toxicSummary(report).join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
