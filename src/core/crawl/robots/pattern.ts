/**
 * A rule pattern compiled once into a predicate over paths. Semantics of Google's Matches(): the pattern
 * is anchored at the start of the path; `*` matches any run of characters (also none); `$` is special
 * only as the last character, where it anchors the pattern at the end of the path; every other character
 * matches itself, case-sensitively. Google tracks every reachable position (O(path x pattern)); with only
 * `*` as a wildcard, leftmost matching of the literal pieces between stars finds a match whenever one
 * exists, so a pattern costs a few startsWith / indexOf calls per path.
 */

export type PathPredicate = (path: string) => boolean;

export function compilePattern(pattern: string): PathPredicate {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const pieces = body.split('*');
  const first = pieces[0]!;
  if (pieces.length === 1) {
    return anchored ? (path) => path === first : (path) => path.startsWith(first);
  }
  const middle = pieces.slice(1, -1);
  const last = pieces[pieces.length - 1]!;
  return (path) => {
    if (!path.startsWith(first)) return false;
    let pos = first.length;
    for (const piece of middle) {
      const at = path.indexOf(piece, pos);
      if (at === -1) return false;
      pos = at + piece.length;
    }
    if (anchored) return path.length - last.length >= pos && path.endsWith(last);
    return path.indexOf(last, pos) !== -1;
  };
}
