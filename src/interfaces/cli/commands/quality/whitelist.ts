/**
 * `linkledger whitelist TARGET [--add VALUE]... [--remove VALUE]... [--note TEXT]`: reviewed links that
 * `toxic` and `disavow` leave out. VALUE as in a disavow file: `domain:example.com` or a page URL. Without
 * --add / --remove, lists the whitelist.
 */
import type { Command } from 'commander';
import { parseEntry } from '../../../../core/disavow/classify.ts';
import { UsageError } from '../../../../core/errors.ts';
import type { ReviewKind } from '../../../../core/ledger/review.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { dbPathOf } from '../../db-path.ts';

interface WhitelistFlags {
  db?: string;
  add: string[];
  remove: string[];
  note?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function entryOf(value: string): { kind: ReviewKind; value: string } {
  const parsed = parseEntry(value.trim());
  if (!parsed.ok)
    throw new UsageError(`${JSON.stringify(value)}: ${parsed.message} (use domain:example.com or a URL)`);
  return parsed.entry.kind === 'domain'
    ? { kind: 'domain', value: parsed.entry.domain }
    : { kind: 'url', value: parsed.entry.url };
}

export function registerWhitelist(program: Command, openStore: (path: string) => Promise<LedgerStore>): void {
  program
    .command('whitelist')
    .description('reviewed links that toxic and disavow leave out (domain:example.com or a page URL)')
    .argument('<target>', 'the site the review is about (as given to toxic)')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option('--add <value>', 'whitelist domain:example.com or a linking page URL (repeatable)', collect, [])
    .option('--remove <value>', 'take an entry off the whitelist (repeatable)', collect, [])
    .option('--note <text>', 'why (kept with the entries added)')
    .action(async (target: string, flags: WhitelistFlags) => {
      const adds = flags.add.map(entryOf);
      const removes = flags.remove.map(entryOf);
      const store = await openStore(dbPathOf(flags.db));
      try {
        const at = Date.now();
        for (const e of adds) await store.addReview({ target, ...e, note: flags.note ?? '', at });
        for (const e of removes)
          if (!(await store.removeReview(target, e.kind, e.value)))
            process.stderr.write(
              `linkledger: ${e.kind === 'domain' ? 'domain:' : ''}${e.value} was not whitelisted\n`,
            );
        for (const r of await store.reviews(target)) {
          const value = r.kind === 'domain' ? `domain:${r.value}` : r.value;
          process.stdout.write(`${value}\t${new Date(r.at).toISOString().slice(0, 10)}\t${r.note}\n`);
        }
      } finally {
        await store.close();
      }
    });
}
