/**
 * `readWarc`: any byte source in (a file stream, a fetch body, chunks in memory), WARC records and
 * problems out, as a stream. Plain and gzip input are told apart by their first bytes (never by a file
 * name), gzip either one member per record (Common Crawl) or one member for the whole file.
 *
 * Memory is bounded by the largest record (records over `maxRecordBytes` are streamed past), plus about
 * 10 MiB of read-ahead for gzip input. Damage is reported as `problem` events and reading goes on; only
 * input that is not a WARC at all throws `BadInputError`.
 */
import { BadInputError } from '../../core/errors.ts';
import { gunzipMembers } from './gunzip-members.ts';
import { MemberIndex } from './member-index.ts';
import { RecordParser } from './record-parser.ts';
import {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  type ReadWarcOptions,
  type WarcEvent,
} from './types.ts';

export async function* readWarc(
  source: AsyncIterable<Uint8Array>,
  options: ReadWarcOptions = {},
): AsyncGenerator<WarcEvent> {
  const chunks = asBuffers(source)[Symbol.asyncIterator]();
  // Two bytes tell gzip from plain; a source may deliver them one at a time.
  const head: Buffer[] = [];
  let headLength = 0;
  while (headLength < 2) {
    const next = await chunks.next();
    if (next.done) break;
    head.push(next.value);
    headLength += next.value.length;
  }
  const where = options.file === undefined ? { offset: 0 } : { file: options.file, offset: 0 };
  if (headLength === 0) throw new BadInputError('empty input: not a WARC file', where);
  const first = head.length === 1 ? head[0]! : Buffer.concat(head);
  const input = prepend(head, chunks);
  const settings = {
    maxRecordBytes: options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES,
    maxHeaderBytes: options.maxHeaderBytes ?? DEFAULT_MAX_HEADER_BYTES,
    file: options.file,
  };
  if (first[0] === 0x1f && first[1] === 0x8b) yield* readGzip(input, settings);
  else yield* readPlain(input, settings);
}

interface Settings {
  maxRecordBytes: number;
  maxHeaderBytes: number;
  file: string | undefined;
}

async function* readPlain(input: AsyncIterator<Buffer>, settings: Settings): AsyncGenerator<WarcEvent> {
  const parser = new RecordParser(settings);
  const out: WarcEvent[] = [];
  try {
    for (let next = await input.next(); !next.done; next = await input.next()) {
      parser.push(next.value, out);
      // One array reused for every chunk: yielding from it allocates nothing per record.
      for (let i = 0; i < out.length; i++) yield out[i]!;
      out.length = 0;
    }
  } finally {
    await input.return?.();
  }
  parser.finish(out);
  yield* out;
}

async function* readGzip(input: AsyncIterator<Buffer>, settings: Settings): AsyncGenerator<WarcEvent> {
  const index = new MemberIndex();
  const parser = new RecordParser({ ...settings, memberAt: (stream) => index.memberAt(stream) });
  // A member larger than a record plus its header cannot hold a record we would read anyway.
  const maxMemberBytes = settings.maxRecordBytes + settings.maxHeaderBytes + 1024;
  const out: WarcEvent[] = [];
  let decoded = 0;
  for await (const item of gunzipMembers(input, { index, maxMemberBytes })) {
    if (item.kind === 'data') {
      decoded += item.bytes.length;
      parser.push(item.bytes, out);
    } else if (item.kind === 'gap') {
      if (decoded === 0) {
        const where = settings.file === undefined ? {} : { file: settings.file };
        throw new BadInputError(`not a readable gzip WARC: ${item.problem.message}`, {
          ...where,
          offset: item.problem.offset,
        });
      }
      parser.gap(item.validUpTo, out);
      out.push(item.problem);
    } else {
      const truncatedAt =
        item.truncatedAt === undefined
          ? undefined
          : { offset: item.truncatedAt, offsetKind: 'file' as const, streamOffset: decoded };
      parser.finish(out, truncatedAt);
    }
    for (let i = 0; i < out.length; i++) yield out[i]!;
    out.length = 0;
  }
}

/** Uint8Array chunks as Buffers over the same memory (Buffer's indexOf and copy are what we need). */
async function* asBuffers(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

function prepend(head: Buffer[], rest: AsyncIterator<Buffer>): AsyncIterator<Buffer> {
  let i = 0;
  return {
    next: () => (i < head.length ? Promise.resolve({ done: false, value: head[i++]! }) : rest.next()),
    return: async () => (await rest.return?.()) ?? { done: true, value: undefined },
  };
}
