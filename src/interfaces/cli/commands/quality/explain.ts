/** `linkledger explain SOURCE TARGET`: the quality score of the link(s) from one page to one URL, factor by factor. */
import { type Command, Option } from 'commander';
import { explainLink } from '../../../../app/quality/link-quality.ts';
import { UsageError } from '../../../../core/errors.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { dbPathOf } from '../../db-path.ts';
import { explainText } from '../../output/quality-format.ts';
import { readWeights } from './weights-file.ts';

interface ExplainFlags {
  db?: string;
  weights?: string;
  format: 'text' | 'json';
}

export function registerExplain(program: Command, openStore: (path: string) => Promise<LedgerStore>): void {
  program
    .command('explain')
    .description('show how the quality score (0-100) of the link from SOURCE to TARGET is made')
    .argument('<source>', 'URL of the linking page')
    .argument('<target>', 'URL the link points to')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .option('--weights <file>', 'JSON overriding any of the weights (see docs/quality.md)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (source: string, target: string, flags: ExplainFlags) => {
      const weights = readWeights(flags.weights);
      const store = await openStore(dbPathOf(flags.db));
      try {
        const scored = await explainLink(store, source, target, weights);
        if (scored.length === 0)
          throw new UsageError(`the ledger has no link from ${source} to ${target} (${dbPathOf(flags.db)})`);
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify(scored)}\n`);
        else process.stdout.write(`${explainText(scored, process.stdout.columns ?? 120).join('\n')}\n`);
      } finally {
        await store.close();
      }
    });
}
