/** Reads an edge list file (plain or gzipped) into edge arrays with dense node ids (see edge-parser.ts). */

import type { Allocator } from '../../core/graph/allocator.ts';
import { openByteSource } from './byte-source.ts';
import { EdgeParser, type LabelResolver, type ParsedEdges } from './edge-parser.ts';

export interface ReadEdgeFileOptions {
  readonly lenient?: boolean;
  readonly resolver?: LabelResolver;
  /** Where the edge arrays live (default: the heap). */
  readonly allocator?: Allocator;
}

export async function readEdgeFile(path: string, options: ReadEdgeFileOptions = {}): Promise<ParsedEdges> {
  const source = openByteSource(path);
  // A generous guess (edge lines are >= ~8 bytes; gzip rarely shrinks them more than 6x) that saves
  // regrowing, which would copy and touch fresh memory; pages of the guess that are never written cost
  // nothing. Capped, and grown by doubling beyond that.
  const capacity = Math.min(1 << 28, Math.ceil((source.bytes * (source.gzipped ? 6 : 1)) / 8));
  const parser = new EdgeParser({ ...options, file: path, capacity });
  for await (const chunk of source.chunks) parser.push(chunk);
  return parser.finish();
}
