/**
 * `linkledger disavow validate FILE`: checks a disavow file against Google's rules (core/disavow).
 * stdout: one line per problem, `FILE:LINE: error|warning CODE: message`, by line (the report asked for, so
 * it can be redirected or grepped). stderr: one summary line. Exit 0 when there is no error (warnings
 * allowed); any error fails with BadInputError (exit 3), the summary being its message.
 */
import type { Command } from 'commander';
import { fileNameWarning } from '../../../../core/disavow/file-name.ts';
import { count, DISAVOW_MAX_BYTES, DISAVOW_MAX_LINES } from '../../../../core/disavow/limits.ts';
import { type ParsedDisavow, parseDisavow } from '../../../../core/disavow/parse.ts';
import { byLine } from '../../../../core/disavow/problem.ts';
import { BadInputError } from '../../../../core/errors.ts';
import { disavowCommand } from './disavow.ts';
import { plural, problemLines } from './problem-lines.ts';
import { readDisavowFile } from './read-disavow-file.ts';

export function registerDisavowValidate(program: Command): void {
  disavowCommand(program)
    .command('validate')
    .description("check a disavow file against Google's rules: each problem as FILE:LINE on stdout")
    .argument('<file>', 'the disavow file (.txt, UTF-8)')
    .action(async (file: string) => {
      const parsed = parseDisavow(await readDisavowFile(file));
      const nameWarning = fileNameWarning(file);
      const warnings = byLine(nameWarning === null ? parsed.warnings : [nameWarning, ...parsed.warnings]);
      process.stdout.write(problemLines(file, parsed.errors, warnings));
      const summary = summarise(parsed, warnings.length);
      if (parsed.errors.length > 0) throw new BadInputError(`not a valid disavow file: ${summary}`, { file });
      process.stderr.write(`${file}: valid: ${summary}\n`);
    });
}

function summarise(parsed: ParsedDisavow, warnings: number): string {
  const domains = parsed.entries.filter((e) => e.kind === 'domain').length;
  const urls = parsed.entries.length - domains;
  return (
    `${plural(parsed.errors.length, 'error')}, ${plural(warnings, 'warning')}; ` +
    `${plural(parsed.entries.length, 'entry', 'entries')} ` +
    `(${plural(domains, 'domain')}, ${plural(urls, 'URL')}); ` +
    `${count(parsed.lineCount)} of ${count(DISAVOW_MAX_LINES)} lines, ` +
    `${count(parsed.byteCount)} of ${count(DISAVOW_MAX_BYTES)} bytes`
  );
}
