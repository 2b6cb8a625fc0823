/**
 * From tokens (tokenize.ts) to terms: the language of a text, its stop words, stemming.
 *
 * Language: the page's declared `lang` (`<html lang>`; BCP 47, only the primary subtag counts), else
 * franc-min's guess from a sample of the text (restricted to the languages we have stop words for), else
 * `und` (undetermined). Codes are ISO 639-3 (`eng`, `deu`, `zho`...), as in the digest header.
 *
 * Analysis per language:
 *   - `eng` and `und`: English stop words (npm stopword's list and the function words it lacks, below),
 *     then the Porter stemmer (npm stemmer) on words of ASCII letters only. Undetermined text is most often
 *     English (or too short to tell), and words of other scripts pass the stemmer unchanged.
 *   - a language with a stop word list (62 in npm stopword): that list and the English list (English
 *     navigation words are everywhere on the web), no stemming (Porter is for English only).
 *   - a declared language without a list: the English list, no stemming.
 * Stop words are normalised like the text (tokenize.ts), so `don't` in a list matches `dont` in a page;
 * for languages without spaces they match the bigrams that are stop words, and a bigram of two
 * one-character stop words is one too (isStopWord).
 */
import { franc } from 'franc-min';
import { stemmer } from 'stemmer';
import * as lists from 'stopword';
import { isNoSpacePair, normalizeText, tokensOf } from './tokenize.ts';

/** Undetermined language. */
export const UNDETERMINED = 'und';

/** ISO 639-3 code -> stop word lists of npm stopword. */
const STOP_LISTS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  afr: [lists.afr],
  ara: [lists.ara],
  ben: [lists.ben],
  bre: [lists.bre],
  bul: [lists.bul],
  cat: [lists.cat],
  ces: [lists.ces],
  dan: [lists.dan],
  deu: [lists.deu],
  ell: [lists.ell],
  eng: [lists.eng],
  epo: [lists.epo],
  est: [lists.est],
  eus: [lists.eus],
  fas: [lists.fas],
  fin: [lists.fin],
  fra: [lists.fra],
  gle: [lists.gle],
  glg: [lists.glg],
  guj: [lists.guj],
  hau: [lists.hau],
  heb: [lists.heb],
  hin: [lists.hin],
  hrv: [lists.hrv],
  hun: [lists.hun],
  hye: [lists.hye],
  ind: [lists.ind],
  ita: [lists.ita],
  jpn: [lists.jpn],
  kor: [lists.kor],
  kur: [lists.kur],
  lat: [lists.lat],
  lav: [lists.lav],
  lit: [lists.lit],
  mar: [lists.mar],
  msa: [lists.msa],
  mya: [lists.mya],
  nld: [lists.nld],
  nob: [lists.nob],
  pan: [lists.panGu],
  pol: [lists.pol],
  por: [lists.por, lists.porBr],
  ron: [lists.ron],
  rus: [lists.rus],
  slk: [lists.slk],
  slv: [lists.slv],
  som: [lists.som],
  sot: [lists.sot],
  spa: [lists.spa],
  swa: [lists.swa],
  swe: [lists.swe],
  tgl: [lists.tgl],
  tha: [lists.tha],
  tur: [lists.tur],
  ukr: [lists.ukr],
  urd: [lists.urd],
  vie: [lists.vie],
  yor: [lists.yor],
  zho: [lists.zho],
  zul: [lists.zul],
};

/** English function words npm stopword's short English list (108 words) lacks. */
const MORE_ENGLISH =
  'above again against aren cannot couldn didn does doesn doing don down during few further hadn hasn ' +
  'haven having hers herself isn its itself just let mustn myself no nor not off once ought ours ourselves ' +
  'own shan she shouldn so theirs themselves until wasn weren when whom why will wouldn yours yourself ' +
  'yourselves im ive youre youve youll youd hes shes weve theyre theyve thats whats lets cant dont wont ' +
  'isnt arent wasnt werent doesnt didnt hasnt havent hadnt couldnt shouldnt wouldnt';
/* Not: `us` (also the US), `ill`, `id`, `won` (words of their own as well as contractions). */

/** BCP 47 primary subtags (ISO 639-1, and a few old or 3-letter ones) -> our ISO 639-3 codes. */
const BY_SUBTAG = pairs(
  'af=afr ar=ara bn=ben br=bre bg=bul ca=cat cs=ces da=dan de=deu el=ell en=eng eo=epo et=est eu=eus ' +
    'fa=fas fi=fin fr=fra ga=gle gl=glg gu=guj ha=hau he=heb iw=heb hi=hin hr=hrv hu=hun hy=hye id=ind ' +
    'in=ind it=ita ja=jpn ko=kor ku=kur la=lat lv=lav lt=lit mr=mar ms=msa my=mya nl=nld nb=nob no=nob ' +
    'nn=nob pa=pan pl=pol pt=por ro=ron ru=rus sk=slk sl=slv so=som st=sot es=spa sw=swa sv=swe tl=tgl ' +
    'fil=tgl th=tha tr=tur uk=ukr ur=urd vi=vie yo=yor zh=zho zu=zul cmn=zho yue=zho',
);

/** franc-min codes -> ours, for the languages franc-min knows and we have stop words for. */
const FROM_FRANC = pairs(
  'arb=ara pes=fas swh=swa zlm=msa cmn=zho bul=bul ben=ben ces=ces deu=deu ell=ell eng=eng fra=fra ' +
    'guj=guj hau=hau hin=hin hrv=hrv hun=hun ind=ind ita=ita jpn=jpn kor=kor mar=mar mya=mya nld=nld ' +
    'pan=pan pol=pol por=por ron=ron rus=rus som=som spa=spa swe=swe tgl=tgl tha=tha tur=tur ukr=ukr ' +
    'urd=urd vie=vie yor=yor zul=zul',
);
const FRANC_ONLY = Object.keys(FROM_FRANC);
/** Text shorter than this is not given to franc (its guesses on a few words are noise). */
const MIN_SAMPLE = 40;

/**
 * The language of a text: the declared one when it is usable, else a guess from `sample`, else `und`.
 * A declared language without a stop word list keeps its own code when it is a 2-3 letter subtag.
 */
export function resolveLanguage(declared: string | null | undefined, sample: string): string {
  if (declared) {
    const primary = declared.trim().toLowerCase().split(/[-_]/)[0] ?? '';
    const known = own(BY_SUBTAG, primary) ?? (own(STOP_LISTS, primary) !== undefined ? primary : undefined);
    if (known !== undefined) return known;
    if (/^[a-z]{2,3}$/.test(primary)) return primary;
  }
  if (sample.length < MIN_SAMPLE) return UNDETERMINED;
  if (looksEnglish(sample)) return 'eng';
  const guess = franc(sample, { only: FRANC_ONLY, minLength: MIN_SAMPLE });
  return own(FROM_FRANC, guess) ?? UNDETERMINED;
}

/**
 * A shortcut before franc (which compares trigrams with every candidate language, ~0.4 ms): text whose
 * words are at least ENGLISH_SHARE English stop words is English. In the samples of the 258 English pages
 * of the htmlparser-benchmark corpus the share is 0.21 at the lowest, 0.36 in the median; German, Dutch,
 * French and Indonesian sentences score 0 to 0.09 (they share a few short words: `in`, `an`, `was`).
 */
const ENGLISH_SHARE = 0.2;

function looksEnglish(sample: string): boolean {
  const stops = englishStopWords();
  let words = 0;
  let hits = 0;
  tokensOf(normalizeText(sample), (token) => {
    words += 1;
    if (stops.has(token)) hits += 1;
  });
  return words >= 8 && hits >= ENGLISH_SHARE * words;
}

/** How a language's words become terms. */
export interface Analysis {
  readonly lang: string;
  readonly stopWords: ReadonlySet<string>;
  /** Porter-stem words of ASCII letters. */
  readonly stem: boolean;
}

const analyses = new Map<string, Analysis>();
let englishStops: ReadonlySet<string> | undefined;

/** The analysis of a language code (resolveLanguage's result, or a digest's header). */
export function analysisFor(lang: string): Analysis {
  let analysis = analyses.get(lang);
  if (analysis === undefined) {
    const english = englishStopWords();
    const stem = lang === 'eng' || lang === UNDETERMINED;
    const list = lang === 'eng' ? undefined : own(STOP_LISTS, lang);
    const stopWords = list === undefined ? english : new Set([...english, ...normalizedWords(list.flat())]);
    analysis = { lang, stopWords, stem };
    if (analyses.size < 256) analyses.set(lang, analysis);
  }
  return analysis;
}

function englishStopWords(): ReadonlySet<string> {
  englishStops ??= new Set(normalizedWords([...lists.eng, ...MORE_ENGLISH.split(' ')]));
  return englishStops;
}

function normalizedWords(words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    out.push(word.toLowerCase());
    tokensOf(normalizeText(word), (token) => out.push(token));
  }
  return out;
}

/**
 * Whether a token is a stop word: in the list, or a bigram (no-space scripts) of two characters that are
 * each one (the Chinese list is of single characters: 我 and 们 are, so 我们 "we" is too).
 */
export function isStopWord(token: string, analysis: Analysis): boolean {
  const stop = analysis.stopWords;
  if (stop.has(token)) return true;
  return token.length === 2 && stop.has(token.charAt(0)) && stop.has(token.charAt(1)) && isNoSpacePair(token);
}

/** The term of a token that is not a stop word (its stem, for stemmed languages). */
export function termOf(token: string, analysis: Analysis): string {
  return analysis.stem ? stem(token) : token;
}

/** Terms of a short text (anchor, title), in order, stop words removed; repeated terms are kept. */
export function analyzeText(text: string, analysis: Analysis): string[] {
  const out: string[] = [];
  tokensOf(normalizeText(text), (token) => {
    if (!isStopWord(token, analysis)) out.push(termOf(token, analysis));
  });
  return out;
}

const ASCII_LETTERS = /^[a-z]+$/;
/** Stems of ASCII words, memoised (pure; bounded: cleared when full). */
const stems = new Map<string, string>();
const MAX_STEMS = 100_000;

/** Porter stem of a word of ASCII letters; other words unchanged. */
export function stem(token: string): string {
  let out = stems.get(token);
  if (out !== undefined) return out;
  out = ASCII_LETTERS.test(token) ? stemmer(token) : token;
  if (stems.size >= MAX_STEMS) stems.clear();
  stems.set(token, out);
  return out;
}

/** A table from `key=value key=value`. */
function pairs(spec: string): Readonly<Record<string, string>> {
  return Object.fromEntries(spec.split(' ').map((pair) => pair.split('=') as [string, string]));
}

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
