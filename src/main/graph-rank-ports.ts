/**
 * The file and thread adapters `linkledger graph rank` runs on: edge/vertex/seed files, the rank TSV
 * writer, and the worker pool (composition root: the command itself only knows the ports).
 */
import { readEdgeFile } from '../adapters/graph-files/edge-file.ts';
import { writeRankFile } from '../adapters/graph-files/rank-file.ts';
import { readSeedFile } from '../adapters/graph-files/seed-file.ts';
import { readVertexFile, type VertexTable } from '../adapters/graph-files/vertex-file.ts';
import { WorkerPool } from '../adapters/workers/worker-pool.ts';
import type { GraphRankPorts } from '../app/graph-rank.ts';

export { defaultThreadCount } from '../adapters/workers/worker-pool.ts';

export function graphRankPorts(): GraphRankPorts<VertexTable> {
  return {
    readVertices: readVertexFile,
    readEdges: (path, { lenient, vertices, allocator }) =>
      readEdgeFile(
        path,
        vertices === null ? { lenient, allocator } : { lenient, allocator, resolver: vertices.resolver },
      ),
    readSeeds: readSeedFile,
    writeTable: writeRankFile,
    startThreads: (threads) => WorkerPool.start(threads),
    now: () => performance.now(),
  };
}
