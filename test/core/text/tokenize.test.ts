/** tokenize: words of any script, normalised the same way everywhere. */
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/text/tokenize.ts';

describe('tokenize: scripts', () => {
  it('keeps accented Latin letters, lower-cased, and splits on hyphens and punctuation', () => {
    expect(tokenize('Café déjà-vu, ÉCOLE naïve! Straße')).toEqual([
      'café',
      'déjà',
      'vu',
      'école',
      'naïve',
      'straße',
    ]);
  });

  it('composes decomposed accents and folds compatibility forms (NFKC)', () => {
    expect(tokenize('Cafe\u0301')).toEqual(['café']);
    expect(tokenize('ｆｕｌｌｗｉｄｔｈ ﬁne Ⅻ')).toEqual(['fullwidth', 'fine', 'xii']);
  });

  it('reads Cyrillic, Greek, Arabic, Hebrew, Devanagari and Hangul words (spaced scripts)', () => {
    expect(tokenize('Привет, мир! Москва')).toEqual(['привет', 'мир', 'москва']);
    expect(tokenize('Η Ελλάδα είναι όμορφη')).toEqual(['ελλάδα', 'είναι', 'όμορφη']);
    expect(tokenize('مرحبا بالعالم العربي')).toEqual(['مرحبا', 'بالعالم', 'العربي']);
    expect(tokenize('שלום עולם')).toEqual(['שלום', 'עולם']);
    expect(tokenize('नमस्ते दुनिया')).toEqual(['नमस्ते', 'दुनिया']);
    expect(tokenize('한국어 텍스트')).toEqual(['한국어', '텍스트']);
  });

  it('cuts Chinese and Japanese runs into overlapping character bigrams', () => {
    expect(tokenize('我国卫生')).toEqual(['我国', '国卫', '卫生']);
    expect(tokenize('東京都に住んでいます')).toEqual([
      '東京',
      '京都',
      '都に',
      'に住',
      '住ん',
      'んで',
      'でい',
      'いま',
      'ます',
    ]);
    // The katakana prolonged sound mark stays in the run; a lone character is kept as it is.
    expect(tokenize('コーヒー 猫')).toEqual(['コー', 'ーヒ', 'ヒー', '猫']);
  });

  it('cuts Thai into bigrams of characters that keep their vowel and tone marks', () => {
    // ง่ is a consonant with a tone mark: one character.
    expect(tokenize('ง่าย')).toEqual(['ง่า', 'าย']);
    expect(tokenize('ภาษาไทย')).toEqual(['ภา', 'าษ', 'ษา', 'าไ', 'ไท', 'ทย']);
  });

  it('separates a spaced-script word from a no-space run inside one word', () => {
    expect(tokenize('iPhone手机壳')).toEqual(['iphone', '手机', '机壳']);
  });
});

describe('tokenize: word rules', () => {
  it("drops a possessive 's and joins the rest at apostrophes (straight, curly, modifier letter)", () => {
    expect(tokenize("Mandela's birthday, don't, O'Neill, Kerry’s")).toEqual([
      'mandela',
      'birthday',
      'dont',
      'oneill',
      'kerry',
    ]);
  });

  it('drops numbers and keeps words that mix letters and digits', () => {
    expect(tokenize('In 2013 the 49ers paid $1,000,000 for an S4 and G20 mp3 ٢٠١٣')).toEqual([
      'in',
      'the',
      '49ers',
      'paid',
      'for',
      'an',
      's4',
      'and',
      'g20',
      'mp3',
    ]);
  });

  it('drops one-letter words and words over 32 units', () => {
    expect(tokenize(`a I x ok ${'y'.repeat(33)} ${'z'.repeat(32)}`)).toEqual(['ok', 'z'.repeat(32)]);
  });

  it('gives nothing for text without letters', () => {
    expect(tokenize('  \n\t — … 123 !!! ')).toEqual([]);
  });
});
