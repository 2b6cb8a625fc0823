/**
 * The label <-> dense id map, kept at the boundary: algorithms see only ids `0..n-1`. Integer labels (the
 * Common Crawl case) are held in one `Uint32Array` with no strings at all; other labels as strings.
 */

export type NodeLabels =
  | { readonly kind: 'integer'; readonly values: Uint32Array }
  | { readonly kind: 'string'; readonly values: readonly string[] };

export function labelCount(labels: NodeLabels): number {
  return labels.values.length;
}

export function labelOf(labels: NodeLabels, id: number): string {
  return labels.kind === 'integer' ? String(labels.values[id]) : labels.values[id]!;
}

/** A lookup from label text to id (built once, O(n)); undefined for unknown labels. */
export function labelIndex(labels: NodeLabels): (text: string) => number | undefined {
  const map = new Map<string, number>();
  for (let id = labels.values.length - 1; id >= 0; id--) map.set(labelOf(labels, id), id);
  return (text) => map.get(text);
}
