/**
 * Reads a vertex file: `label<TAB>name[<TAB>more columns]` per line (Common Crawl's `vertices.txt.gz`:
 * `id<TAB>reversed.host`, and for domain graphs a third column with the host count, ignored here).
 * A line with one column names the vertex by its label. `#` comment lines and blank lines are skipped.
 * The vertex file fixes the node set (isolated vertices included) and the node order.
 */

import { StringDecoder } from 'node:string_decoder';
import { BadInputError } from '../../core/errors.ts';
import type { NodeLabels } from '../../core/graph/node-labels.ts';
import { openByteSource } from './byte-source.ts';
import type { LabelResolver } from './edge-parser.ts';

export interface VertexTable {
  /** First column, by id. */
  readonly labels: NodeLabels;
  /** Second column (or the label), by id. */
  readonly names: readonly string[];
  readonly resolver: LabelResolver;
}

const INTEGER = /^(0|[1-9]\d{0,9})$/;

export async function readVertexFile(path: string): Promise<VertexTable> {
  const source = openByteSource(path);
  const labels: string[] = [];
  const names: string[] = [];
  let carry = '';
  let lineNumber = 0;
  const take = (line: string): void => {
    lineNumber++;
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = /^(\S+)(?:[\t ]+([^\t]*))?/.exec(trimmed);
    if (match === null)
      throw new BadInputError(`line ${lineNumber}: cannot read a vertex label`, { file: path });
    const label = match[1]!;
    labels.push(label);
    names.push(match[2]?.trim() || label);
  };
  // A chunk may end inside a multi-byte character: the decoder keeps its first bytes for the next one.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source.chunks) {
    const text = carry + decoder.write(chunk);
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  carry += decoder.end();
  if (carry !== '') take(carry);
  return buildVertexTable(labels, names, path);
}

/** Builds the table and its label resolver; integer labels get a direct index when they are dense. */
export function buildVertexTable(
  labels: readonly string[],
  names: readonly string[],
  file = 'vertex file',
): VertexTable {
  const n = labels.length;
  const allIntegers = labels.every((label) => INTEGER.test(label) && Number(label) <= 0xfffffffe);
  const byText = new Map<string, number>();
  for (let id = 0; id < n; id++) {
    const label = labels[id]!;
    if (byText.has(label)) throw new BadInputError(`vertex label "${label}" appears twice`, { file });
    byText.set(label, id);
  }
  if (!allIntegers) {
    const resolver: LabelResolver = {
      integer: (value) => byText.get(String(value)) ?? -1,
      text: (label) => byText.get(label) ?? -1,
    };
    return { labels: { kind: 'string', values: labels }, names, resolver };
  }
  const values = Uint32Array.from(labels, Number);
  let identity = true;
  let max = -1;
  for (let id = 0; id < n; id++) {
    if (values[id] !== id) identity = false;
    if (values[id]! > max) max = values[id]!;
  }
  let integer: (value: number) => number;
  if (identity) {
    integer = (value) => (value < n ? value : -1);
  } else if (max < Math.max(1 << 24, 4 * n)) {
    const index = new Int32Array(max + 1).fill(-1);
    for (let id = 0; id < n; id++) index[values[id]!] = id;
    integer = (value) => (value <= max ? index[value]! : -1);
  } else {
    integer = (value) => byText.get(String(value)) ?? -1;
  }
  return { labels: { kind: 'integer', values }, names, resolver: { integer, text: () => -1 } };
}
