/** `--trusted FILE`: domains the user trusts (one per line, `domain:` prefix allowed, `#` comments), the seeds of spam mass. */
import { readFileSync } from 'node:fs';
import { BadInputError } from '../../../../core/errors.ts';

export function readTrusted(file: string | undefined): string[] {
  if (file === undefined) return [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new BadInputError(
      `trusted domains file cannot be read (${(error as NodeJS.ErrnoException).code})`,
      {
        file,
      },
    );
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export function warnUnknownSeeds(unknown: readonly string[]): void {
  if (unknown.length > 0)
    process.stderr.write(
      `linkledger: trusted domains not in the ledger (they seed nothing): ${unknown.slice(0, 10).join(', ')}` +
        `${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ''}\n`,
    );
}
