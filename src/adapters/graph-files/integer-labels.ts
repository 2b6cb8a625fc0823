/** Dense node ids for integer labels, in ascending label order (the edge parser's last step). */

/**
 * Replaces integer labels by dense ids in ascending label order and returns the labels by id. Uses a direct
 * index when the largest label is not much bigger than the edge count, else sorting.
 */
export function compactIntegerLabels(
  src: Uint32Array,
  dst: Uint32Array,
  count: number,
  knownMax?: number,
): Uint32Array {
  let max = knownMax ?? -1;
  if (knownMax === undefined) {
    for (let e = 0; e < count; e++) {
      if (src[e]! > max) max = src[e]!;
      if (dst[e]! > max) max = dst[e]!;
    }
  }
  if (max < Math.max(1 << 24, count)) {
    const seen = new Uint8Array(max + 1);
    for (let e = 0; e < count; e++) {
      seen[src[e]!] = 1;
      seen[dst[e]!] = 1;
    }
    let n = 0;
    for (let v = 0; v <= max; v++) n += seen[v]!;
    const values = new Uint32Array(n);
    if (n === max + 1) {
      // Labels are already 0..n-1 (Common Crawl, WebGraph): the ids are the labels, nothing to rewrite.
      for (let v = 0; v < n; v++) values[v] = v;
      return values;
    }
    const index = new Uint32Array(max + 1);
    for (let v = 0, id = 0; v <= max; v++) {
      if (seen[v] === 1) {
        index[v] = id;
        values[id++] = v;
      }
    }
    for (let e = 0; e < count; e++) {
      src[e] = index[src[e]!]!;
      dst[e] = index[dst[e]!]!;
    }
    return values;
  }
  const all = new Uint32Array(count * 2);
  all.set(src.subarray(0, count));
  all.set(dst.subarray(0, count), count);
  all.sort();
  let n = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) all[n++] = all[i]!;
  const values = all.slice(0, n);
  const find = (label: number): number => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < label) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  for (let e = 0; e < count; e++) {
    src[e] = find(src[e]!);
    dst[e] = find(dst[e]!);
  }
  return values;
}
