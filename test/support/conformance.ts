/**
 * Common Crawl's link-extraction expectations (../shared/data/conformance/cc-wat-link-extraction.json) and
 * helpers to compare our links with them. See that folder's SOURCE.txt: the expected values are raw
 * attribute values (not resolved), and the test helper upstream uses two pseudo-paths which we map to ours.
 */
import { readFileSync } from 'node:fs';
import type { Link } from '../../src/core/link/link.ts';
import { sharedData } from './paths.ts';

export interface ExpectedPage {
  kind: 'page';
  record: number;
  page: string;
  warcTargetUriRaw?: string;
  title?: string;
  titleAbsent?: boolean;
  expectedLinkCount: number;
}

export interface ExpectedLink {
  kind: 'page-link';
  record: number;
  page: string;
  path: string;
  url: string;
  text?: string;
  alt?: string;
  relListed?: string;
  watLocation: string;
}

export interface CssCase {
  kind: 'css';
  input?: string;
  inputParts?: unknown;
  expectedHrefs: string[];
}

type Entry = ExpectedPage | ExpectedLink | CssCase | { kind: 'entity-decode' | 'trim-data-url' };

export function conformanceEntries(): Entry[] {
  return JSON.parse(
    readFileSync(sharedData('conformance', 'cc-wat-link-extraction.json'), 'utf8'),
  ) as Entry[];
}

export function expectedPages(): ExpectedPage[] {
  return conformanceEntries().filter((e): e is ExpectedPage => e.kind === 'page');
}

export function expectedLinks(): ExpectedLink[] {
  return conformanceEntries().filter((e): e is ExpectedLink => e.kind === 'page-link');
}

/** Our path for a pseudo-path of the upstream test helper. */
export function ourPath(upstreamPath: string): string {
  if (upstreamPath === '__base__') return 'BASE@/href';
  if (upstreamPath === '__meta_refresh__') return 'META@/content';
  return upstreamPath;
}

export const pairKey = (url: string, path: string): string => `${path}\t${url}`;

/**
 * Multiset difference between expected (url, path) pairs and the links we produced for one page:
 * `missing` are expected pairs we did not produce, `extra` are pairs we produced that upstream does not list.
 */
export function comparePairs(expected: readonly ExpectedLink[], links: readonly Link[]) {
  const want = new Map<string, number>();
  for (const e of expected)
    want.set(pairKey(e.url, ourPath(e.path)), (want.get(pairKey(e.url, ourPath(e.path))) ?? 0) + 1);
  const extra: string[] = [];
  for (const link of links) {
    const key = pairKey(link.rawUrl, link.path);
    const n = want.get(key) ?? 0;
    if (n > 0) want.set(key, n - 1);
    else extra.push(key);
  }
  const missing = [...want.entries()].flatMap(([key, n]) => Array<string>(n).fill(key));
  return { matched: expected.length - missing.length, missing, extra };
}
