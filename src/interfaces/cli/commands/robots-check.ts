/**
 * `linkledger robots check --robots FILE --agent UA URL...`: whether a crawler may fetch each URL under a
 * robots.txt file, decided as Google decides it (core/crawl/robots). One line per URL on stdout,
 * `allowed<TAB>URL` or `disallowed<TAB>URL`, in the order given. A URL that cannot be parsed gets
 * `invalid<TAB>URL` and a message on stderr; the others are still checked, and the command then fails
 * with BadInputError (exit 3).
 *
 * `robotsCommand` finds or creates the shared `robots` parent, so other `robots ...` subcommands can hang
 * off the same one.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { decodeRobotsBody, ROBOTS_MAX_BYTES } from '../../../core/crawl/robots/decode.ts';
import { isAllowed } from '../../../core/crawl/robots/match.ts';
import { parseRobots } from '../../../core/crawl/robots/parse.ts';
import { productToken } from '../../../core/crawl/robots/user-agent.ts';
import { BadInputError, UsageError } from '../../../core/errors.ts';

interface RobotsCheckFlags {
  robots: string;
  agent: string;
}

/** The `robots` command group, created on first use. */
export function robotsCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'robots') ??
    program.command('robots').description('robots.txt tools (RFC 9309, read as Google reads it)')
  );
}

export function registerRobotsCheck(program: Command): void {
  robotsCommand(program)
    .command('check')
    .description('print whether a crawler may fetch each URL under a robots.txt file')
    .requiredOption('--robots <file>', 'the robots.txt file (UTF-8; only the first 500 KiB are read)')
    .requiredOption('--agent <ua>', "the crawler's User-Agent (its product token picks the group), or *")
    .argument('<url...>', 'absolute URLs to check')
    .action(async (urls: string[], flags: RobotsCheckFlags) => {
      // '*' (no token) checks the group every crawler without a group of its own obeys.
      if (productToken(flags.agent) === '' && flags.agent !== '*') {
        throw new UsageError(
          `--agent must start with a product token (letters, "-", "_") or be "*", got ${JSON.stringify(flags.agent)}`,
        );
      }
      const bytes = await readRobotsFile(flags.robots);
      if (bytes.length > ROBOTS_MAX_BYTES) {
        process.stderr.write(
          `linkledger: ${flags.robots} is ${bytes.length} bytes; only the first ${ROBOTS_MAX_BYTES} (500 KiB) are read, as by Google\n`,
        );
      }
      const robots = parseRobots(decodeRobotsBody(bytes));
      const lines: string[] = [];
      const invalid: string[] = [];
      for (const raw of urls) {
        const url = requestUrl(raw);
        if (url === null) {
          invalid.push(raw);
          lines.push(`invalid\t${raw}\n`);
          continue;
        }
        lines.push(`${isAllowed(robots, flags.agent, url) ? 'allowed' : 'disallowed'}\t${raw}\n`);
      }
      process.stdout.write(lines.join(''));
      if (invalid.length === 1) throw new BadInputError(notAUrl(invalid[0]!));
      if (invalid.length > 1) {
        for (const raw of invalid) process.stderr.write(`linkledger: ${notAUrl(raw)}\n`);
        throw new BadInputError(`${invalid.length} of ${urls.length} URLs could not be checked (see above)`);
      }
    });
}

function notAUrl(raw: string): string {
  return `not an absolute URL with a host: ${JSON.stringify(raw)}`;
}

/**
 * The URL as a crawler requests it (WHATWG serialisation: percent-encoded, so `/ツ` is checked as
 * `/%E3%83%84`), or null when it is not an absolute URL with a host.
 */
function requestUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return url.hostname === '' ? null : url.href;
  } catch {
    return null;
  }
}

async function readRobotsFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new BadInputError(`robots file ${reason}`, { file: path }, { cause: error });
  }
}
