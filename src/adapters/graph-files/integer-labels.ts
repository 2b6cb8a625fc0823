/** Dense node ids for integer labels, in ascending label order (the edge parser's last step). */

/**
 * Replaces integer labels by dense ids in ascending label order and returns the labels by id. Uses a direct
 * index when the largest label is not much bigger than the edge count, else sorting.
 */
export function compactIntegerLabels(src: Uint32Array, dst: Uint32Array, count: number): Uint32Array {
  let max = -1;
  for (let e = 0; e < count; e++) {
    if (src[e]! > max) max = src[e]!;
    if (dst[e]! > max) max = dst[e]!;
  }
  if (max < Math.max(1 << 24, count)) {
    const index = new Int32Array(max + 1).fill(-1);
    for (let e = 0; e < count; e++) {
      index[src[e]!] = 0;
      index[dst[e]!] = 0;
    }
    let n = 0;
    for (let v = 0; v <= max; v++) if (index[v] === 0) index[v] = n++;
    const values = new Uint32Array(n);
    for (let v = 0; v <= max; v++) if (index[v]! >= 0) values[index[v]!] = v;
    if (n === max + 1) return values; // labels are already 0..n-1 (Common Crawl, WebGraph): ids = labels
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
