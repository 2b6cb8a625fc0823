/**
 * The `disavow` command group. Three forms share it (issue #6):
 *   - `disavow TARGET [--level domain|url] [--min-score N] [--merge OLD.txt] [--out FILE]`: a disavow file
 *     from TARGET's toxic links (app/quality/generate-disavow.ts), saved in the ledger as a new version;
 *   - `disavow validate FILE` (validate.ts) and `disavow diff OLD NEW` (diff.ts): subcommands.
 * Commander dispatches to a subcommand when the first operand is its name, and otherwise runs this
 * command's own action with the operand as TARGET; a target cannot be named "validate" or "diff", which no
 * domain is.
 */
import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { generateDisavow } from '../../../../app/quality/generate-disavow.ts';
import { UsageError } from '../../../../core/errors.ts';
import { SCOPES, type Scope } from '../../../../core/ledger/query.ts';
import type { LedgerStore } from '../../../../core/ledger/store.ts';
import { dbPathOf } from '../../db-path.ts';
import { readTrusted } from '../quality/trusted-file.ts';
import { readDisavowFile } from './read-disavow-file.ts';

/** The `disavow` group, created on first use. */
export function disavowCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'disavow') ??
    program.command('disavow').description('Google disavow files: generate from toxic links, validate, diff')
  );
}

interface DisavowFlags {
  db?: string;
  scope: Scope;
  level: 'domain' | 'url';
  minScore?: string;
  merge?: string;
  out?: string;
  trusted?: string;
}

export function registerDisavow(program: Command, openStore: (path: string) => Promise<LedgerStore>): void {
  disavowCommand(program)
    .argument('[target]', 'the site whose toxic links to disavow (see `linkledger toxic`)')
    .option('--db <path>', 'ledger file (default ./linkledger.duckdb, or $LINKLEDGER_DB)')
    .addOption(new Option('--scope <scope>', 'how TARGET is matched').choices(SCOPES).default('domain'))
    .addOption(
      new Option('--level <level>', 'one domain: line per referring domain, or one line per linking page')
        .choices(['domain', 'url'])
        .default('domain'),
    )
    .option('--min-score <n>', 'disavow links scoring at least this (default: the toxic flag threshold, 50)')
    .option('--merge <file>', 'an earlier disavow file to add to (its lines and comments are kept)')
    .option('--out <file>', 'write the file here (default: stdout)')
    .option('--trusted <file>', 'domains you trust, one per line: adds spam mass to the toxicity audit')
    .action(async (target: string | undefined, flags: DisavowFlags, command: Command) => {
      if (target === undefined) command.help({ error: true });
      const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
      if (minScore !== undefined && !(minScore >= 0 && minScore <= 100))
        throw new UsageError(`--min-score must be a number from 0 to 100, got ${flags.minScore}`);
      const merge = flags.merge ? await readDisavowFile(flags.merge) : null;
      const trusted = readTrusted(flags.trusted);
      const store = await openStore(dbPathOf(flags.db));
      try {
        const result = await generateDisavow(store, {
          target: target!,
          scope: flags.scope,
          level: flags.level,
          ...(minScore === undefined ? {} : { minScore }),
          merge,
          trusted,
          now: Date.now(),
        });
        if (flags.out) writeFileSync(flags.out, result.text);
        else process.stdout.write(result.text);
        process.stderr.write(
          `disavow file version ${result.version.version} for ${target}: ${result.version.entries} entries ` +
            `(${result.entries.length} ${flags.merge ? 'added' : 'from'} ${result.links} toxic links of ${result.domains} domains)` +
            `${flags.out ? `, written to ${flags.out}` : ''}\n`,
        );
      } finally {
        await store.close();
      }
    });
}
