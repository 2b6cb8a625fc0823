/** Text digests: counting, format, parsing, bounds (core/text/digest.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  digestText,
  formatDigest,
  MAX_DIGEST_BYTES,
  MAX_DIGEST_TERMS,
  MAX_DISTINCT_TOKENS,
  parseDigest,
  TextDigester,
} from '../../../src/core/text/digest.ts';

const bytes = (s: string) => new TextEncoder().encode(s).length;

describe('digest: what it holds', () => {
  it('counts stemmed English terms, keeps the most used spelling, sorts by count', () => {
    const digest = digestText(
      'Elections were held. The election results came in; the elected president thanked voters. ' +
        'Elections again, and the president spoke.',
      'en',
    );
    expect(formatDigest(digest)).toBe(
      // `came` is in npm stopword's English list.
      'v1 eng elect/elections:4 presid/president:2 held:1 result/results:1 thank/thanked:1 voter/voters:1 ' +
        'spoke:1',
    );
  });

  it('weights count per token and a title weight adds up', () => {
    const digester = new TextDigester();
    digester.add('Saturn rings photographed by Cassini');
    digester.wordBreak();
    digester.add('Saturn', 3);
    const digest = digester.finish('en');
    expect(digest.terms[0]).toEqual({ term: 'saturn', form: 'saturn', count: 4 });
  });

  it('does not stem other languages and uses their stop words', () => {
    expect(formatDigest(digestText('Die Regeln für den Radsport. Der Radsport ist beliebt.', 'de'))).toBe(
      'v1 deu radsport:2 regeln:1 beliebt:1',
    );
  });

  it('guesses the language when none is declared', () => {
    const text =
      'Компания предлагает огнетушители, пожарные рукава и знаки пожарной безопасности для офисов и ' +
      'складов по всей России с доставкой. Огнетушители проверены.';
    const digest = digestText(text, null);
    expect(digest.lang).toBe('rus');
    expect(digest.terms[0]).toEqual({ term: 'огнетушители', form: 'огнетушители', count: 2 });
  });

  it('an empty text gives a digest without terms', () => {
    expect(formatDigest(digestText('  \n 123 ', 'en'))).toBe('v1 eng');
    expect(formatDigest(digestText('', null))).toBe('v1 und');
  });
});

describe('digest: text in pieces', () => {
  it('joins a word cut between pieces, unless a word break separates them', () => {
    const joined = new TextDigester();
    for (const piece of ['Cas', 'sini ', 'orbits Sat', 'urn']) joined.add(piece);
    expect(joined.finish('en').terms.map((t) => t.form)).toEqual(['cassini', 'orbits', 'saturn']);

    const broken = new TextDigester();
    broken.add('Cas');
    broken.wordBreak();
    broken.add('sini');
    expect(broken.finish('en').terms.map((t) => t.form)).toEqual(['cas', 'sini']);
  });

  it('joins CJK runs across pieces too (the bigram at the cut is kept)', () => {
    const digester = new TextDigester();
    digester.add('卫生');
    digester.add('健康');
    expect(digester.finish('zh').terms.map((t) => t.term)).toEqual(['卫生', '生健', '健康']);
  });

  it('gives the same digest however the text is cut (property)', () => {
    const text =
      "The Mars rover Curiosity's instruments tasted the air: mostly CO2. Curiosity keeps driving; " +
      'NASA says the rover is healthy. 東京の天気 café déjà-vu';
    const whole = formatDigest(digestText(text, 'en'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 12 }), (cuts) => {
        const digester = new TextDigester();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          digester.add(text.slice(from, cut));
          from = cut;
        }
        digester.add(text.slice(from));
        expect(formatDigest(digester.finish('en'))).toBe(whole);
      }),
    );
  });
});

describe('digest: the language sample', () => {
  it('guesses the same language however the text is cut, whitespace-only pieces included', () => {
    const text =
      'Die Bundesregierung hat am Dienstag beschlossen,\n\n   dass die neuen Regeln für den Radsport ab dem ' +
      'nächsten Jahr gelten sollen. Der Verband begrüßte die Entscheidung.';
    const whole = formatDigest(digestText(text, null));
    expect(whole).toMatch(/^v1 deu /);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 20 }), (cuts) => {
        const digester = new TextDigester();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          digester.add(text.slice(from, cut));
          digester.add('  \n ');
          from = cut;
        }
        digester.add(text.slice(from));
        expect(digester.finish(null).lang).toBe('deu');
      }),
    );
  });

  it('is not filled by whitespace-only pieces', () => {
    const digester = new TextDigester();
    for (let i = 0; i < 2000; i++) digester.add('\r\n        ');
    digester.add('Die Regeln für den Radsport gelten ab dem nächsten Jahr, sagte der Verband am Dienstag.');
    expect(digester.finish(null).lang).toBe('deu');
  });
});

describe('digest: bounds', () => {
  it('keeps at most 128 terms and 2,048 bytes, whatever the page', () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i.toString(36)}x`);
    const latin = digestText(words.join(' '), 'en');
    expect(latin.terms).toHaveLength(MAX_DIGEST_TERMS);
    expect(bytes(formatDigest(latin))).toBeLessThanOrEqual(MAX_DIGEST_BYTES);

    // Long words in a 3-byte script: the byte budget binds before the term count.
    const long = Array.from(
      { length: 400 },
      (_, i) => `ф${'ж'.repeat(20)}${String.fromCharCode(0x430 + (i % 32))}${i}`,
    );
    const cyrillic = formatDigest(digestText(long.join(' '), 'ru'));
    expect(bytes(cyrillic)).toBeLessThanOrEqual(MAX_DIGEST_BYTES);
    expect(bytes(cyrillic)).toBeGreaterThan(MAX_DIGEST_BYTES - 60);
    expect(parseDigest(cyrillic)!.terms.length).toBeLessThan(MAX_DIGEST_TERMS);
  });

  it('bounds memory on a huge vocabulary and keeps the frequent words exactly', () => {
    const digester = new TextDigester();
    const frequent = Math.ceil((3 * MAX_DISTINCT_TOKENS) / 100);
    for (let i = 0; i < 3 * MAX_DISTINCT_TOKENS; i++) {
      digester.add(`rare${i.toString(36)}z `);
      if (i % 100 === 0) digester.add('jupiter saturn ');
    }
    const counts = (digester as unknown as { counts: Map<string, number> }).counts;
    expect(counts.size).toBeLessThanOrEqual(MAX_DISTINCT_TOKENS);
    const digest = digester.finish('en');
    expect(digest.terms.slice(0, 2)).toEqual([
      { term: 'jupit', form: 'jupiter', count: frequent },
      { term: 'saturn', form: 'saturn', count: frequent },
    ]);
  });
});

describe('digest: format', () => {
  it('round-trips through its line', () => {
    for (const [text, lang] of [
      ['Elections in Greece: Ελλάδα εκλογές, 東京都, naïve cafés', 'en'],
      ['Die Regeln für den Radsport', 'de'],
      ['我国卫生与健康领域有了基本法', null],
    ] as const) {
      const digest = digestText(text, lang);
      expect(parseDigest(formatDigest(digest))).toEqual(digest);
    }
  });

  it('reads a written line', () => {
    expect(parseDigest('v1 eng elect/elections:5 obama:3')).toEqual({
      lang: 'eng',
      terms: [
        { term: 'elect', form: 'elections', count: 5 },
        { term: 'obama', form: 'obama', count: 3 },
      ],
    });
    expect(parseDigest('v1 und')).toEqual({ lang: 'und', terms: [] });
  });

  it('refuses other versions and damaged lines', () => {
    for (const bad of [
      '',
      'v2 eng a:1',
      'v1',
      'v1 english a:1',
      'v1 eng a',
      'v1 eng a:0',
      'v1 eng a:-1',
      'v1 eng a:1.5',
      'v1 eng :3',
      'v1 eng a b:1',
      'v1 eng a/:1',
      'v1 eng a/b/c:1',
      'v1 eng  a:1',
      'v1 eng a-b:1',
    ]) {
      expect(parseDigest(bad), bad).toBeNull();
    }
  });
});
