/**
 * `disavow TARGET`: a Google disavow file from the target's toxic links (app/quality/toxic.ts), one
 * `domain:` line per referring domain (the default: Google recommends domains for sites that are spam
 * throughout) or one line per linking page (`level: 'url'`); merged into an earlier file when one is given
 * (its lines, comments and order kept), and saved in the ledger as the target's next version.
 * Whitelisted links never reach the file (the audit leaves them out).
 */
import { parseEntry } from '../../core/disavow/classify.ts';
import type { DisavowEntry } from '../../core/disavow/entry.ts';
import { formatDisavow } from '../../core/disavow/format.ts';
import { mergeDisavow } from '../../core/disavow/merge.ts';
import type { Problem } from '../../core/disavow/problem.ts';
import { BadInputError } from '../../core/errors.ts';
import type { DisavowVersion } from '../../core/ledger/review.ts';
import type { LedgerStore } from '../../core/ledger/store.ts';
import { auditToxicity, type ToxicRequest } from './toxic.ts';

export interface DisavowRequest extends ToxicRequest {
  level?: 'domain' | 'url';
  /** Links scoring at least this are disavowed (default: the audit's flag threshold). */
  minScore?: number;
  /** An earlier disavow file to merge into. */
  merge?: Uint8Array | null;
  now: number;
}

export interface GeneratedDisavow {
  text: string;
  /** Entries this run contributes (new ones, when merging). */
  entries: DisavowEntry[];
  /** Toxic links and their domains behind the entries. */
  links: number;
  domains: number;
  version: DisavowVersion;
}

export async function generateDisavow(
  store: LedgerStore,
  request: DisavowRequest,
): Promise<GeneratedDisavow> {
  const { report } = await auditToxicity(store, request);
  const level = request.level ?? 'domain';
  const toxic = report.links.filter((l) =>
    request.minScore === undefined ? l.flagged : l.score >= request.minScore,
  );
  const entries: DisavowEntry[] = [];
  for (const link of toxic) {
    const parsed = parseEntry(level === 'domain' ? `domain:${link.sourceDomain}` : link.sourceUrl);
    if (parsed.ok) entries.push(parsed.entry);
  }
  const domains = new Set(toxic.map((l) => l.sourceDomain)).size;
  const header = [
    `Disavow file for ${request.target}, written by linkledger on ${new Date(request.now).toISOString().slice(0, 10)}`,
    `${toxic.length} toxic links from ${domains} domains (${level} level); review before uploading.`,
  ];
  let text: string;
  let added: DisavowEntry[] = entries;
  if (request.merge) {
    const merged = mergeDisavow(request.merge, entries, { header });
    if (!merged.ok) throw new BadInputError(`the file to merge has errors: ${problems(merged.errors)}`);
    text = merged.text;
    added = merged.added;
  } else text = formatDisavow(entries, { header });
  const count = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  const version = await store.saveDisavowVersion({
    target: request.target,
    createdAt: request.now,
    content: text,
    entries: count,
  });
  return { text, entries: added, links: toxic.length, domains, version };
}

function problems(list: readonly Problem[]): string {
  return list
    .slice(0, 5)
    .map((p) => `line ${p.line}: ${p.message}`)
    .join('; ');
}
