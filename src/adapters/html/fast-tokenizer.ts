/**
 * htmlparser2's Tokenizer, with its "skip ahead to the next character c" step done by the engine.
 *
 * The Tokenizer spends most of its time in `fastForwardTo(c)`, a JavaScript loop over `charCodeAt` that
 * runs through every text (with entity decoding off), attribute value, comment, script and style body
 * looking for the next `<`, quote, `-` or `>`. `String.prototype.indexOf` does the same search natively,
 * several times faster; the extractor got about 20% faster overall with it. The method is private in
 * htmlparser2 (12.0.0, pinned in package.json), so this is an override of an internal: it is installed only
 * when a self-check at load time shows that it produces exactly the stock Tokenizer's events on a
 * document that exercises every use of the method, and test/adapters/html/fast-tokenizer.test.ts compares
 * the two token by token on real pages written in random chunks. If a future htmlparser2 changes the
 * internals, the check fails and the stock Tokenizer is used (correct, only slower).
 */
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/** The Tokenizer fields the override reads (internal in htmlparser2 12). */
interface TokenizerState {
  buffer: string;
  index: number;
  offset: number;
}

/**
 * Same contract as the original: advance `index` to the next `c` in the current buffer and return true, or
 * leave `index` on the buffer's last character and return false.
 */
function fastForwardTo(this: TokenizerState, c: number): boolean {
  const { buffer, offset } = this;
  const at = buffer.indexOf(String.fromCharCode(c), this.index + 1 - offset);
  if (at !== -1) {
    this.index = at + offset;
    return true;
  }
  this.index = buffer.length + offset - 1;
  return false;
}

class IndexOfTokenizer extends Tokenizer {}
Object.defineProperty(IndexOfTokenizer.prototype, 'fastForwardTo', {
  value: fastForwardTo,
  writable: true,
  configurable: true,
});

/** A document that runs every path through `fastForwardTo`, in pieces that split its sections. */
const SELF_CHECK = [
  '<!DOCTYPE html><html><head><title>T &amp; t</title><script>if (a < b) { x = "</p>"; }</scr',
  'ipt><style>p{background:url("x.png")}</style><!-- a -- comment -> still --><?pi x?>',
  '</head><body class="a"><p id=\'b\' title="c &quot; d">text &lt; more <a href=x>link</a',
  '></p><![CDATA[ cdata ]]></div   ><br/><svg><title>s</title></svg>&amp tail',
];

/** Every event a tokenizer emits for the given pieces of input, as text (used by the self-check and tests). */
export function tokenizerEvents(TokenizerClass: typeof Tokenizer, pieces: Iterable<string>): string[] {
  const log: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]): void => {
      log.push(`${name}:${args.join(',')}`);
    };
  const callbacks: TokenizerCallbacks = {
    onattribdata: record('attribdata'),
    onattribentity: record('attribentity'),
    onattribend: record('attribend'),
    onattribname: record('attribname'),
    oncdata: record('cdata'),
    onclosetag: record('closetag'),
    oncomment: record('comment'),
    ondeclaration: record('declaration'),
    onend: record('end'),
    onopentagend: record('opentagend'),
    onopentagname: record('opentagname'),
    onprocessinginstruction: record('pi'),
    onselfclosingtag: record('selfclosing'),
    ontext: record('text'),
    ontextentity: record('textentity'),
  };
  const tokenizer = new TokenizerClass({ decodeEntities: false }, callbacks);
  for (const piece of pieces) tokenizer.write(piece);
  tokenizer.end();
  return log;
}

function overrideWorks(): boolean {
  try {
    const prototype = Tokenizer.prototype as unknown as Record<string, unknown>;
    if (typeof prototype.fastForwardTo !== 'function') return false;
    const stock = tokenizerEvents(Tokenizer, SELF_CHECK);
    const fast = tokenizerEvents(IndexOfTokenizer, SELF_CHECK);
    return stock.length > 20 && stock.join('\n') === fast.join('\n');
  } catch {
    return false;
  }
}

/** True when the native skip-ahead is in use (for tests and benchmarks to report). */
export const FAST_TOKENIZER: boolean = overrideWorks();

/** The Tokenizer class the extractor uses. */
export const ExtractorTokenizer: typeof Tokenizer = FAST_TOKENIZER ? IndexOfTokenizer : Tokenizer;
