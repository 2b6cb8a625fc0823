/**
 * `linkledger disavow diff OLD NEW`: which entries NEW adds to and removes from OLD, compared in normalised
 * form (comments, order, duplicates and spelling ignored; core/disavow/diff.ts). stdout: `- entry` lines,
 * then `+ entry` lines, each in canonical order (domains, then URLs); a removed URL whose host NEW disavows
 * whole ends with `  # covered by domain:HOST`. stderr: one summary line. Exit 0; when OLD or NEW has
 * errors, they are printed on stderr as by `disavow validate`, the diff of their valid lines is still
 * printed, and the command fails with BadInputError (exit 3).
 */
import type { Command } from 'commander';
import { diffDisavow } from '../../../../core/disavow/diff.ts';
import { entryText } from '../../../../core/disavow/entry.ts';
import { count } from '../../../../core/disavow/limits.ts';
import { parseDisavow } from '../../../../core/disavow/parse.ts';
import { BadInputError } from '../../../../core/errors.ts';
import { disavowCommand } from './disavow.ts';
import { plural, problemLines } from './problem-lines.ts';
import { readDisavowFile } from './read-disavow-file.ts';

export function registerDisavowDiff(program: Command): void {
  disavowCommand(program)
    .command('diff')
    .description(
      'print the entries NEW adds (+) and removes (-) compared with OLD, ignoring comments and order',
    )
    .argument('<old>', 'the previous disavow file')
    .argument('<new>', 'the new disavow file')
    .action(async (oldPath: string, newPath: string) => {
      const before = parseDisavow(await readDisavowFile(oldPath));
      const after = parseDisavow(await readDisavowFile(newPath));
      process.stderr.write(
        problemLines(oldPath, before.errors, []) + problemLines(newPath, after.errors, []),
      );
      const diff = diffDisavow(before.entries, after.entries);
      const lines: string[] = [];
      for (const { entry, coveredBy } of diff.removed) {
        lines.push(`- ${entryText(entry)}${coveredBy ? `  # covered by ${entryText(coveredBy)}` : ''}\n`);
      }
      for (const entry of diff.added) lines.push(`+ ${entryText(entry)}\n`);
      process.stdout.write(lines.join(''));
      const covered = diff.removed.filter((r) => r.coveredBy !== undefined).length;
      process.stderr.write(
        `${oldPath} -> ${newPath}: ${count(diff.added.length)} added, ${count(diff.removed.length)} removed` +
          `${covered > 0 ? ` (${count(covered)} still covered by a domain: entry)` : ''}, ${count(diff.unchanged)} unchanged\n`,
      );
      const invalid = [
        ...(before.errors.length > 0 ? [`${oldPath} has ${plural(before.errors.length, 'error')}`] : []),
        ...(after.errors.length > 0 ? [`${newPath} has ${plural(after.errors.length, 'error')}`] : []),
      ];
      if (invalid.length > 0) {
        throw new BadInputError(`${invalid.join(', ')} (see above); the diff covers their valid lines only`);
      }
    });
}
