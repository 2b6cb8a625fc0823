/**
 * Which link's quality explanation is open, in the route (`explain=SOURCE TARGET [KIND followed|unfollowed]`),
 * so an open explanation is a link like any other view. Ledger URLs are normalised (no raw whitespace), so
 * a space separates the parts safely; kind and follow state pick one link when a page links to the same
 * URL more than once (a text link and an image link, say); a deep link may leave them out (every link
 * from that page to that URL is explained then).
 */
import type { ExplainedLink } from '../../api/types.ts';
import { updateParams } from '../../router/hash.ts';

export interface ExplainSpec {
  source: string;
  target: string;
  /** The link's kind and follow state (its identity with source and target), when known. */
  kind: string | null;
  followed: boolean | null;
}

export const EXPLAIN_PARAM = 'explain';

export function explainValue(spec: ExplainSpec): string {
  const parts = [spec.source, spec.target];
  if (spec.kind !== null) parts.push(spec.kind);
  if (spec.kind !== null && spec.followed !== null) parts.push(spec.followed ? 'followed' : 'unfollowed');
  return parts.join(' ');
}

export function explainSpecOf(params: URLSearchParams): ExplainSpec | null {
  const value = params.get(EXPLAIN_PARAM);
  if (value === null) return null;
  const [source, target, kind, follow] = value.trim().split(/\s+/);
  if (!source || !target) return null;
  return {
    source,
    target,
    kind: kind ?? null,
    followed: follow === 'followed' ? true : follow === 'unfollowed' ? false : null,
  };
}

/** The same link (kind and follow state compared only where both sides know them). */
export function sameLink(spec: ExplainSpec, other: ExplainSpec): boolean {
  if (other.source !== spec.source || other.target !== spec.target) return false;
  if (spec.kind !== null && other.kind !== null && other.kind !== spec.kind) return false;
  if (spec.followed !== null && other.followed !== null && other.followed !== spec.followed) return false;
  return true;
}

/** The explained links the spec names: the one with its kind and follow state, else all of them. */
export function linksFor(spec: ExplainSpec, links: readonly ExplainedLink[]): readonly ExplainedLink[] {
  const exact = links.filter((l) =>
    sameLink(spec, {
      source: l.link.sourceUrl,
      target: l.link.targetUrl,
      kind: l.link.kind,
      followed: l.link.followed,
    }),
  );
  return exact.length > 0 ? exact : links;
}

// ---------------------------------------------------------------------- opening and closing (focus)

/** The button that opened the explanation: focus goes back to it when the drawer closes. */
let opener: HTMLElement | null = null;

export function openExplain(spec: ExplainSpec, from: HTMLElement | null): void {
  opener = from;
  updateParams({ [EXPLAIN_PARAM]: explainValue(spec) });
}

export function closeExplain(): void {
  updateParams({ [EXPLAIN_PARAM]: null });
  const back = opener;
  opener = null;
  if (back?.isConnected) back.focus();
}
