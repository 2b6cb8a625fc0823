/**
 * `linkledger profile TARGET`: the backlink profile on one screen: totals, dofollow share, referring domains
 * and pages, kinds, placements, TLDs, top domains, new and lost in the last 30 and 90 days.
 */
import type { Command } from 'commander';
import { reportProfile } from '../../../../app/ledger/reports.ts';
import { profileScreen } from '../../output/profile-format.ts';
import { jsonObject, profileCsv } from '../../output/report-format.ts';
import {
  addReportOptions,
  describeRequest,
  emptyMessage,
  integerFlag,
  type OpenLedger,
  parseReportFlags,
  type ReportFlags,
  targetHasLinks,
  terminalWidth,
  warn,
  withLedger,
  writeStdout,
} from './report-options.ts';

interface ProfileFlags extends ReportFlags {
  top: string;
}

export function registerProfile(
  program: Command,
  openLedger: OpenLedger,
  now: () => number = Date.now,
): void {
  const command = program
    .command('profile')
    .description('the backlink profile of TARGET on one screen (live and lost links; windows end now)')
    .option('--top <n>', 'entries in the TLD and top-domain lists, 1 to 1,000', '10');
  addReportOptions(command, null).action(async (target: string, flags: ProfileFlags) => {
    const { context, request } = parseReportFlags(target, flags, terminalWidth());
    const top = integerFlag('--top', flags.top, 1, 1000);
    const { profile, known } = await withLedger(openLedger, context.db, async (store) => {
      const profile = await reportProfile(store, { ...request, now: now(), top });
      return { profile, known: profile.links.total > 0 || (await targetHasLinks(store, request)) };
    });
    const empty = profile.links.total === 0 ? emptyMessage('backlinks', request, context.db, known) : null;
    if (context.format === 'table') {
      const lines =
        empty === null ? profileScreen(profile, describeRequest(request, null, 0), context.width) : [empty];
      await writeStdout([`${lines.join('\n')}\n`]);
      return;
    }
    await writeStdout(context.format === 'json' ? jsonObject(profile) : profileCsv(profile));
    if (empty !== null) warn(empty);
  });
}
