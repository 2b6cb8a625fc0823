/**
 * Common Crawl web-graph files as an import source: `vertices` (`id<TAB>name[<TAB>...]`) and `edges`
 * (`src<TAB>dst`), plain or gzipped. Names are reversed host or domain names (`com.example.www`), or URLs in
 * page-level graphs (as in ../shared/data/cc-webgraph-example). Each edge becomes one ledger link of kind
 * `webgraph` (we know A links to B, nothing else) from the source host (or page) to the target, seen at
 * `capturedAt`, recorded under `commoncrawl:<crawl id>`.
 *
 * Streaming: with `targets` (hosts or domains you care about) memory is proportional to what is kept:
 * one pass over vertices finds the target ids, one over edges (from the checkpoint) the source ids that link
 * to them, one over vertices again their names, then the edges are read once more and emitted. Without
 * targets every vertex name is held in memory (about 100 bytes each; refused past `maxVertices`).
 * Checkpoints are offsets in the (decompressed) edges stream, advanced by each kept edge.
 */
import { createHash } from 'node:crypto';
import { BadInputError, UsageError } from '../../core/errors.ts';
import type { Checkpoint } from '../../core/ledger/import-run.ts';
import type { ImportSource, IngestItem } from '../../core/ledger/import-source.ts';
import { commonCrawlSource } from '../../core/ledger/source-tag.ts';
import { unreverseHost } from '../../core/url/host-keys.ts';
import { normalizeUrl } from '../../core/url/normalize.ts';
import { blankObservation } from './csv-format.ts';
import { csvRecords, utf8Bytes } from './csv-reader.ts';
import { fileIdentity } from './file-identity.ts';

export interface WebGraphOptions {
  vertices: string;
  edges: string;
  /** Common Crawl crawl id (`CC-MAIN-2024-10`): links are recorded under `commoncrawl:<id>`. */
  crawlId: string;
  /** When the graph's crawl took place (epoch ms): first and last seen of its links. */
  capturedAt: number;
  /** Keep only edges pointing at these hosts or domains (and their subdomains). */
  targets?: readonly string[];
  maxVertices?: number;
}

const tsv = { delimiter: '\t', quote: false } as const;

/** A vertex name as a ledger page: `com.example.www` -> `www.example.com`; URLs normalised. */
export function vertexName(raw: string): string | null {
  const name = raw.trim();
  if (name === '') return null;
  if (name.includes('://')) return normalizeUrl(name);
  return unreverseHost(name.toLowerCase());
}

function hostOfName(name: string): string {
  if (!name.includes('://')) return name;
  try {
    return new URL(name).hostname;
  } catch {
    return name;
  }
}

/** A vertex id: decimal digits only (`Number()` would read '' as 0 and '0x3' as 3). */
function vertexId(field: string | undefined): number | null {
  const text = field?.trim() ?? '';
  return /^\d{1,15}$/.test(text) ? Number(text) : null;
}

type VertexLine =
  | { kind: 'vertex'; line: number; id: number; name: string }
  | { kind: 'bad'; line: number; reason: string };

async function* vertexLines(path: string): AsyncIterable<VertexLine> {
  for await (const r of csvRecords(utf8Bytes(path, 'utf8'), tsv)) {
    if (r.kind === 'bad') {
      yield { kind: 'bad', line: r.line, reason: `vertices: ${r.reason}` };
      continue;
    }
    const id = vertexId(r.fields[0]);
    const name = r.fields.length < 2 ? null : vertexName(r.fields[1]!);
    if (id !== null && name !== null) yield { kind: 'vertex', line: r.line, id, name };
    else yield { kind: 'bad', line: r.line, reason: `vertices: not "id<TAB>name": "${r.fields.join(' ')}"` };
  }
}

export async function webGraphImportSource(options: WebGraphOptions): Promise<ImportSource> {
  if (options.crawlId.trim() === '')
    throw new UsageError('a web-graph import needs the crawl id (--crawl CC-MAIN-...)');
  const [v, e] = await Promise.all([fileIdentity(options.vertices), fileIdentity(options.edges)]);
  const source = commonCrawlSource(options.crawlId.trim());
  const targets = options.targets?.map((t) => t.toLowerCase().replace(/^www\./, '')) ?? null;
  const matchesTarget = (name: string) => {
    const host = hostOfName(name);
    return targets!.some((t) => host === t || host.endsWith(`.${t}`));
  };
  const maxVertices = options.maxVertices ?? 20_000_000;

  /** Bad vertex lines and repeated ids of the last pass over the vertices (reported once per import). */
  let vertexProblems: { line: number; reason: string }[] = [];

  async function names(wanted: ((id: number, name: string) => boolean) | null): Promise<Map<number, string>> {
    const out = new Map<number, string>();
    const problems: { line: number; reason: string }[] = [];
    const seen = new Set<number>();
    for await (const v of vertexLines(options.vertices)) {
      if (v.kind === 'bad') {
        problems.push(v);
        continue;
      }
      if (seen.has(v.id)) {
        // The first name stays: a later line cannot silently rename the links already read.
        problems.push({
          line: v.line,
          reason: `vertices: id ${v.id} is listed again (as ${v.name}); the first name is kept`,
        });
        continue;
      }
      seen.add(v.id);
      const { id, name } = v;
      if (wanted === null || wanted(id, name)) out.set(id, name);
      if (wanted === null && out.size > maxVertices) {
        throw new BadInputError(
          `more than ${maxVertices} vertices: pass --target to import the links to your sites`,
          {
            file: options.vertices,
          },
        );
      }
    }
    vertexProblems = problems;
    return out;
  }

  async function* read(from: Checkpoint): AsyncIterable<IngestItem> {
    let vertexNames: Map<number, string>;
    let keep: ((dst: number) => boolean) | null = null;
    if (targets === null) {
      vertexNames = await names(null);
    } else {
      const targetNames = await names((_, name) => matchesTarget(name));
      const sources = new Set<number>();
      for await (const r of edgeRecords(from)) {
        const src = r.kind === 'record' ? vertexId(r.fields[0]) : null;
        const dst = r.kind === 'record' ? vertexId(r.fields[1]) : null;
        if (src !== null && dst !== null && targetNames.has(dst)) sources.add(src);
      }
      vertexNames = await names((id) => sources.has(id) || targetNames.has(id));
      keep = (dst) => targetNames.has(dst);
    }
    // Reported with the first batch; a resumed import already counted them.
    if (from.offset === 0)
      for (const p of vertexProblems) yield { kind: 'bad-row', line: p.line, reason: p.reason, end: from };
    for await (const r of edgeRecords(from)) {
      const end = { offset: r.end, line: r.nextLine };
      if (r.kind === 'bad') {
        yield { kind: 'bad-row', line: r.line, reason: r.reason, end };
        continue;
      }
      const src = vertexId(r.fields[0]);
      const dst = vertexId(r.fields[1]);
      if (src === null || dst === null) {
        yield {
          kind: 'bad-row',
          line: r.line,
          reason: `not an edge "src<TAB>dst": "${r.fields.join(' ')}"`,
          end,
        };
        continue;
      }
      if (keep !== null && !keep(dst)) continue;
      const srcName = vertexNames.get(src);
      const dstName = vertexNames.get(dst);
      if (srcName === undefined || dstName === undefined) {
        yield {
          kind: 'bad-row',
          line: r.line,
          reason: `edge to an unknown vertex id (${src} -> ${dst})`,
          end,
        };
        continue;
      }
      if (src === dst) {
        yield { kind: 'skip', reason: 'self-loop', end };
        continue;
      }
      const observation = blankObservation(source, srcName, dstName, options.capturedAt);
      observation.kind = 'webgraph';
      yield { kind: 'observation', observation, end };
    }
  }

  function edgeRecords(from: Checkpoint) {
    return csvRecords(utf8Bytes(options.edges, 'utf8'), { ...tsv, offset: from.offset, line: from.line });
  }

  return {
    identity: {
      input: `${v.input} ${e.input}`,
      size: v.size + e.size,
      mtimeMs: Math.max(v.mtimeMs, e.mtimeMs),
      headHash: createHash('sha256')
        .update(`${v.headHash}${e.headHash}${JSON.stringify(targets)}`)
        .digest('hex')
        .slice(0, 32),
    },
    format: 'cc-webgraph',
    source,
    totalBytes: e.size,
    read,
  };
}
