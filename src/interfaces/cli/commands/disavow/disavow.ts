/**
 * The `disavow` command group. Three forms share it (issue #6):
 *   - `disavow TARGET [...]`: a disavow file from TARGET's toxic links. Not available yet: its action below
 *     is the one place the toxicity work fills in (options `--level domain|url`, `--merge OLD.txt`,
 *     `--out FILE` go on this same command);
 *   - `disavow validate FILE` (validate.ts) and `disavow diff OLD NEW` (diff.ts): subcommands.
 * Commander dispatches to a subcommand when the first operand is its name, and otherwise runs this
 * command's own action with the operand as TARGET; a target cannot be named "validate" or "diff", which no
 * domain is.
 */
import type { Command } from 'commander';
import { UsageError } from '../../../../core/errors.ts';

/** The `disavow` group, created on first use. */
export function disavowCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'disavow') ??
    program
      .command('disavow')
      .description('Google disavow files: validate, diff (and soon generate from toxic links)')
  );
}

export function registerDisavow(program: Command): void {
  disavowCommand(program)
    .argument('[target]', 'the site whose toxic links to disavow (not available yet)')
    .action((target: string | undefined, _flags: unknown, command: Command) => {
      if (target === undefined) command.help({ error: true });
      throw new UsageError(
        `"disavow TARGET" (a disavow file from the toxic links of ${JSON.stringify(target)}) is not available yet; ` +
          'available: "disavow validate FILE", "disavow diff OLD NEW"',
      );
    });
}
