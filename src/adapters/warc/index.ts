/**
 * Reading WARC files (ISO 28500; WAT and WET are WARC too) and the HTTP messages inside them.
 *
 *   for await (const event of readWarc(createReadStream(path), { file: path })) {
 *     if (event.kind === 'problem') { stats.add(event); continue; }
 *     if (event.type !== 'response') continue;
 *     const http = parseHttpResponse(event.block);
 *     if (http.ok && contentTypeOf(http.headers)?.mime === 'text/html') extract(event.targetUri, http.body);
 *   }
 */
export { HeaderFields } from './header-fields.ts';
export type { BodyProblem, BodyProblemReason } from './http-body.ts';
export { type HttpRequest, parseHttpRequest, parseRevisit, type Revisit } from './http-request.ts';
export {
  type ContentType,
  contentTypeOf,
  DEFAULT_MAX_BODY_BYTES,
  type HttpFailure,
  type HttpResponse,
  locationOf,
  type ParseHttpOptions,
  parseContentType,
  parseHttpResponse,
  robotsTagsOf,
} from './http-response.ts';
export { readWarc } from './read-warc.ts';
export {
  DEFAULT_MAX_HEADER_BYTES,
  DEFAULT_MAX_RECORD_BYTES,
  type OffsetKind,
  type ReadWarcOptions,
  type WarcEvent,
  type WarcPlace,
  type WarcProblem,
  type WarcProblemReason,
  type WarcRecord,
} from './types.ts';
