/**
 * readWarc over every real WARC/WAT/WET file in ../shared/data, checked against independent oracles:
 * record counts by type from a regular expression over zlib's output, gzip member offsets from zlib,
 * and the upstream expectations of Common Crawl's link-extraction fixture.
 */
import { createReadStream, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  parseHttpRequest,
  parseHttpResponse,
  parseRevisit,
  readWarc,
  type WarcEvent,
  type WarcRecord,
} from '../../../src/adapters/warc/index.ts';
import { expectedPages } from '../../support/conformance.ts';
import { sharedData } from '../../support/paths.ts';
import { data, memberStarts, oracleTypes, problems, readAll, records, typeCounts } from './helpers.ts';

const FOLDERS = ['warcio-testdata', 'resiliparse-warc', 'ia-web-commons-warc', 'cc-whirlwind', 'conformance'];
const FILES = FOLDERS.flatMap((folder) =>
  readdirSync(sharedData(folder))
    .filter((name) => /\.warc(\.[a-z]+)?(\.gz)?$/.test(name))
    .map((name) => [folder, name] as const),
);

/** Files whose damage is the point of the fixture; every other file must read without a problem. */
const EXPECTED_PROBLEMS: Record<string, string[]> = {
  'resiliparse-warc/clipped.warc.gz': ['truncated'],
  // Its response's Content-Length stops 2 bytes short of the gzip payload's last bytes ("trunc").
  'warcio-testdata/example-trunc.warc': ['junk'],
};

async function readFile(folder: string, name: string): Promise<WarcEvent[]> {
  const events: WarcEvent[] = [];
  for await (const event of readWarc(createReadStream(sharedData(folder, name)), { file: name }))
    events.push(event);
  return events;
}

const byId = (events: WarcEvent[], type: string) => records(events).filter((r) => r.type === type);

describe('readWarc on every real file', () => {
  it('found the fixture files', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(21);
  });

  it.each(FILES)(
    '%s/%s: records by type match the oracle, problems only where expected',
    async (folder, name) => {
      const events = await readFile(folder, name);
      const bytes = data(folder, name);
      const oracle = oracleTypes(bytes);
      const key = `${folder}/${name}`;
      if (key === 'resiliparse-warc/clipped.warc.gz') {
        // The oracle sees the one record header; the record itself is cut short.
        expect(oracle).toEqual({ response: 1 });
        expect(typeCounts(events)).toEqual({});
      } else {
        expect(typeCounts(events)).toEqual(oracle);
      }
      expect(problems(events).map((p) => p.reason)).toEqual(EXPECTED_PROBLEMS[key] ?? []);
      for (const record of records(events)) {
        expect(record.block.length).toBe(record.contentLength);
        expect(['1.0', '1.1']).toContain(record.version);
      }
    },
  );

  it.each(FILES.filter(([, name]) => name.endsWith('.gz')))(
    '%s/%s: each record offset is its gzip member, and gunzipping from there gives the record back',
    async (folder, name) => {
      const bytes = data(folder, name);
      const events = await readFile(folder, name);
      const starts = memberStarts(bytes.subarray(0, name === 'clipped.warc.gz' ? 0 : bytes.length));
      for (const record of records(events)) {
        expect(record.offsetKind).toBe('member');
        expect(starts).toContain(record.offset);
        const again = gunzipSync(bytes.subarray(record.offset)).subarray(0, 4096).toString('latin1');
        expect(again.startsWith('WARC/1.')).toBe(true);
        expect(again).toContain(record.recordId!);
      }
    },
  );

  it.each(FILES.filter(([, name]) => !name.endsWith('.gz')))(
    '%s/%s: plain offsets point at the record start',
    async (folder, name) => {
      const bytes = data(folder, name);
      for (const record of records(await readFile(folder, name))) {
        expect(record.offsetKind).toBe('file');
        expect(record.streamOffset).toBe(record.offset);
        expect(bytes.toString('latin1', record.offset, record.offset + 7)).toBe('WARC/1.');
      }
    },
  );
});

describe('resiliparse warcfile.warc.gz (50 real Common Crawl records)', () => {
  it('reads 50 records, one per gzip member, and parses every HTTP response', async () => {
    const events = await readFile('resiliparse-warc', 'warcfile.warc.gz');
    const bytes = data('resiliparse-warc', 'warcfile.warc.gz');
    expect(records(events)).toHaveLength(50);
    expect(records(events).map((r) => r.offset)).toEqual(memberStarts(bytes));
    // Oracle for the statuses: the status line right after each response record's header.
    const plain = gunzipSync(bytes).toString('latin1');
    const oracleStatuses = [
      ...plain.matchAll(/WARC-Type: response[\s\S]*?\r\n\r\nHTTP\/1\.[01] (\d{3})/g),
    ].map((m) => Number(m[1]));
    const responses = byId(events, 'response');
    expect(responses).toHaveLength(16);
    const statuses = responses.map((r) => {
      const http = parseHttpResponse(r.block);
      if (!http.ok) throw new Error(http.message);
      expect(http.problems).toEqual([]);
      return http.status;
    });
    expect(statuses).toEqual(oracleStatuses);
  });

  it('leaves bodies Common Crawl already decoded alone (X-Crawler-Content-Encoding)', async () => {
    const responses = byId(await readFile('resiliparse-warc', 'warcfile.warc.gz'), 'response');
    const renamed = responses.filter((r) =>
      /X-Crawler-Content-Encoding: gzip/i.test(Buffer.from(r.block).toString('latin1', 0, 4096)),
    );
    expect(renamed.length).toBe(12);
    for (const record of renamed) {
      const http = parseHttpResponse(record.block);
      if (!http.ok) throw new Error(http.message);
      expect(http.decoded).toEqual([]);
      expect(http.body).toBe(http.rawBody);
      expect(Buffer.from(http.body).toString('latin1', 0, 200).toLowerCase()).toMatch(/<(!doctype|html)/);
    }
  });
});

describe('resiliparse edge-case files', () => {
  it('clipped.warc.gz: the record cut short is reported as truncated, at its member offset', async () => {
    const events = await readFile('resiliparse-warc', 'clipped.warc.gz');
    expect(records(events)).toEqual([]);
    expect(problems(events)).toEqual([
      expect.objectContaining({ reason: 'truncated', offset: 0, offsetKind: 'member', streamOffset: 0 }),
    ]);
  });

  it('block-sized-records.warc.gz: three WARC/1.1 records of one block of a, b, c each', async () => {
    const events = await readFile('resiliparse-warc', 'block-sized-records.warc.gz');
    const found = records(events);
    expect(found.map((r) => [r.version, r.type, r.contentLength])).toEqual([
      ['1.1', 'unknown', 16229],
      ['1.1', 'unknown', 16229],
      ['1.1', 'unknown', 16229],
    ]);
    found.forEach((record, k) => {
      const letter = 'abc'.charCodeAt(k);
      expect(record.block.every((b) => b === letter || b === 0x0a)).toBe(true);
    });
  });
});

describe("Common Crawl's link-extraction-test.warc (conformance fixture with wrong record lengths)", () => {
  it('reads all 10 records: 1 warcinfo + 9 responses with the expected target URIs', async () => {
    const events = await readFile('conformance', 'link-extraction-test.warc');
    expect(problems(events)).toEqual([]);
    const found = records(events);
    expect(found.map((r) => r.type)).toEqual(['warcinfo', ...Array(9).fill('response')]);
    const pages = expectedPages().sort((a, b) => a.record - b.record);
    expect(pages).toHaveLength(9);
    expect(found.slice(1).map((r) => r.targetUri)).toEqual(pages.map((p) => p.page));
    // Record 9 writes its URI in angle brackets; the raw header keeps them.
    expect(found[9]!.headers.get('WARC-Target-URI')).toBe(pages[8]!.warcTargetUriRaw);
    for (const record of found.slice(1)) {
      const http = parseHttpResponse(record.block);
      expect(http.ok && http.status).toBe(200);
    }
  });
});

describe('warcio test files', () => {
  it('example-iana.org-chunked.warc: the chunked body is decoded', async () => {
    const [response] = byId(await readFile('warcio-testdata', 'example-iana.org-chunked.warc'), 'response');
    const http = parseHttpResponse(response!.block);
    if (!http.ok) throw new Error(http.message);
    expect(http.decoded).toEqual(['chunked']);
    expect(Buffer.from(http.rawBody).toString('latin1', 0, 4)).toMatch(/^[0-9a-f]+\r?$/m);
    const html = Buffer.from(http.body).toString('utf8');
    expect(html.trimStart().toLowerCase()).toMatch(/^<!doctype html>/);
    expect(html.trimEnd().toLowerCase()).toMatch(/<\/html>$/);
    expect(http.problems).toEqual([]);
  });

  it('example.warc.gz: the gzip body is decoded; the revisit points at the original capture', async () => {
    const events = await readFile('warcio-testdata', 'example.warc.gz');
    const http = parseHttpResponse(byId(events, 'response')[0]!.block);
    if (!http.ok) throw new Error(http.message);
    expect(http.decoded).toEqual(['gzip']);
    expect(Buffer.from(http.body).toString('utf8')).toContain('<title>Example Domain</title>');
    const revisit = parseRevisit(byId(events, 'revisit')[0]!);
    expect(revisit.profile).toMatch(/revisit\/uri-agnostic-identical-payload-digest$/);
    expect(revisit.refersToTargetUri).toBe('http://example.com/');
    expect(revisit.http?.ok && revisit.http.status).toBe(200);
  });

  it('example-trunc.warc: the truncated gzip payload keeps its decodable prefix', async () => {
    const events = await readFile('warcio-testdata', 'example-trunc.warc');
    const http = parseHttpResponse(byId(events, 'response')[0]!.block);
    if (!http.ok) throw new Error(http.message);
    expect(http.problems.map((p) => p.reason)).toEqual(['truncated-body']);
    expect(Buffer.from(http.body).toString('utf8')).toContain('Example Domain');
    const [junk] = problems(events);
    expect(junk).toMatchObject({ reason: 'junk', offset: 2560, bytes: 6 });
  });

  it('target URIs: angle brackets removed (wget), spaces kept', async () => {
    const wget = records(await readFile('warcio-testdata', 'example-wget-bad-target-uri.warc.gz'));
    expect(wget.find((r) => r.type === 'response')!.targetUri).toBe('http://example.com/');
    const spaced = records(await readFile('warcio-testdata', 'example-space-in-target-uri.warc.gz'));
    expect(spaced.find((r) => r.type === 'resource')!.targetUri).toBe('file:///example with spaces.png');
  });

  it('requests parse: GET in example-digest.warc, POST with its body in post-test.warc.gz', async () => {
    for (const record of byId(await readFile('warcio-testdata', 'example-digest.warc'), 'request')) {
      const request = parseHttpRequest(record.block);
      expect(request.ok && request.method).toBe('GET');
    }
    const posts = byId(await readFile('warcio-testdata', 'post-test.warc.gz'), 'request').map((r) =>
      parseHttpRequest(r.block),
    );
    expect(posts.map((p) => p.ok && p.method)).toEqual(['POST', 'POST', 'POST']);
    expect(posts.every((p) => p.ok && p.body.length > 0)).toBe(true);
  });
});

describe('ia-web-commons and Common Crawl whirlwind files', () => {
  it('mutliple-headers.warc: repeated WARC and HTTP headers kept in order; reason phrase missing', async () => {
    const [record] = records(await readFile('ia-web-commons-warc', 'mutliple-headers.warc'));
    expect(record!.headers.getAll('warc-protocol')).toEqual(['h2', 'tls/1.3']);
    const http = parseHttpResponse(record!.block);
    if (!http.ok) throw new Error(http.message);
    expect([http.status, http.reason]).toEqual([200, '']);
    expect(http.headers.getAll('X-Powered-By')).toEqual(['PHP/8.3.11', 'PleskLin']);
    expect(http.headers.getAll('link')).toHaveLength(3);
    // The payload was stored decoded: the renamed header must not trigger brotli decoding.
    expect(http.decoded).toEqual([]);
    expect(Buffer.from(http.body).toString('utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('IAH-urls-wget.warc.gz: redirects carry their Location; chunked bodies decode', async () => {
    const responses = byId(await readFile('ia-web-commons-warc', 'IAH-urls-wget.warc.gz'), 'response');
    const parsed = responses.map((r) => parseHttpResponse(r.block));
    const redirects = parsed.filter((h) => h.ok && h.status >= 300 && h.status < 400);
    expect(redirects).toHaveLength(9);
    for (const h of redirects) expect(h.ok && h.headers.get('location')).toMatch(/^https?:\/\//);
    const chunked = parsed.filter((h) => h.ok && h.decoded.includes('chunked'));
    expect(chunked).toHaveLength(5);
    for (const h of parsed) expect(h.ok && h.problems).toEqual([]);
  });

  it('whirlwind WARC and WAT: the WAT metadata record holds the JSON envelope of the request', async () => {
    const warc = records(await readFile('cc-whirlwind', 'whirlwind.warc.gz'));
    expect(warc.map((r) => r.type)).toEqual(['warcinfo', 'request', 'response', 'metadata']);
    expect(warc[2]!.targetUri).toBe('https://an.wikipedia.org/wiki/Escopete');
    const wat = records(await readFile('cc-whirlwind', 'whirlwind.warc.wat.gz'));
    expect(wat.map((r) => r.type)).toEqual(['warcinfo', 'metadata']);
    const json = JSON.parse(Buffer.from(wat[1]!.block).toString('utf8')) as {
      Envelope: { 'WARC-Header-Metadata': Record<string, string> };
    };
    expect(json.Envelope['WARC-Header-Metadata']['WARC-Type']).toBe('request');
    expect(json.Envelope['WARC-Header-Metadata']['WARC-Target-URI']).toBe(wat[1]!.targetUri);
  });
});

describe('reading from memory as well as from a file stream', () => {
  it('gives the same records for the same bytes', async () => {
    const bytes = data('resiliparse-warc', 'warcfile.warc.gz');
    const fromMemory = records(await readAll(bytes));
    const fromFile = records(await readFile('resiliparse-warc', 'warcfile.warc.gz'));
    const key = (r: WarcRecord) => [r.offset, r.recordId, r.block.length];
    expect(fromMemory.map(key)).toEqual(fromFile.map(key));
  });
});
