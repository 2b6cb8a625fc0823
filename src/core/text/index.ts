/**
 * Text of pages for relevance: tokens of any script (tokenize.ts), language, stop words and stemming
 * (analysis.ts), the compact text digest kept per page (digest.ts), document frequencies over digests
 * (frequencies.ts), and page / anchor relevance and topic labels (relevance.ts). Pure: no I/O.
 * docs/relevance.md describes the digest format and the formulas.
 */
export { type Analysis, analysisFor, analyzeText, resolveLanguage, stem, UNDETERMINED } from './analysis.ts';
export {
  asDigest,
  DIGEST_VERSION,
  type DigestInput,
  type DigestTerm,
  digestText,
  formatDigest,
  MAX_DIGEST_BYTES,
  MAX_DIGEST_TERMS,
  MAX_DISTINCT_TOKENS,
  parseDigest,
  type TextDigest,
  TextDigester,
} from './digest.ts';
export { DocumentFrequencies, type DocumentFrequenciesJson } from './frequencies.ts';
export {
  anchorRelevance,
  cosine,
  pageRelevance,
  type TermVector,
  termVector,
  topicLabels,
} from './relevance.ts';
export { normalizeText, tokenize } from './tokenize.ts';
