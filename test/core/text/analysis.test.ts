/** Language, stop words and stemming (core/text/analysis.ts). */
import { describe, expect, it } from 'vitest';
import { analysisFor, analyzeText, resolveLanguage, stem } from '../../../src/core/text/analysis.ts';

const ENGLISH =
  'The president said on Tuesday that the administration would push ahead with its plans for the new ' +
  'health care law despite opposition from Republicans in Congress, who have vowed to repeal it.';
const GERMAN =
  'Die Bundesregierung hat am Dienstag beschlossen, dass die neuen Regeln für den Radsport ab dem nächsten ' +
  'Jahr gelten sollen. Der Verband begrüßte die Entscheidung und kündigte weitere Kontrollen an.';
const RUSSIAN =
  'Компания предлагает огнетушители, пожарные рукава и знаки пожарной безопасности для офисов и складов ' +
  'по всей России с доставкой.';

describe('stemming', () => {
  it('Porter-stems words of ASCII letters', () => {
    expect(['elections', 'elected', 'electing', 'election'].map(stem)).toEqual([
      'elect',
      'elect',
      'elect',
      'elect',
    ]);
    expect(['running', 'happiness', 'relational', 'cats'].map(stem)).toEqual([
      'run',
      'happi',
      'relat',
      'cat',
    ]);
  });

  it('leaves other words alone', () => {
    expect(stem('café')).toBe('café');
    expect(stem('москва')).toBe('москва');
    expect(stem('49ers')).toBe('49ers');
  });
});

describe('resolveLanguage', () => {
  it('takes the declared language, by its primary subtag', () => {
    expect(resolveLanguage('en-GB', '')).toBe('eng');
    expect(resolveLanguage('de', GERMAN)).toBe('deu');
    expect(resolveLanguage('pt-BR', '')).toBe('por');
    expect(resolveLanguage('zh-Hans-CN', '')).toBe('zho');
    // A language without a stop word list keeps its own code.
    expect(resolveLanguage('ka', '')).toBe('ka');
  });

  it('guesses from the text when nothing is declared', () => {
    expect(resolveLanguage(null, ENGLISH)).toBe('eng');
    expect(resolveLanguage(null, GERMAN)).toBe('deu');
    expect(resolveLanguage(undefined, RUSSIAN)).toBe('rus');
    expect(
      resolveLanguage(
        null,
        '我国卫生与健康领域有了基本法，这是一部基础性、综合性的法律，明确了公民的健康权利。',
      ),
    ).toBe('zho');
  });

  it('says undetermined for too little text', () => {
    expect(resolveLanguage(null, 'Home News')).toBe('und');
    expect(resolveLanguage('', '')).toBe('und');
  });
});

describe('analyzeText: stop words and stems', () => {
  it('English: npm stopword list and the function words it lacks, then Porter', () => {
    const english = analysisFor('eng');
    expect(english.stem).toBe(true);
    expect(analyzeText("The elections weren't what we expected, and it's not over", english)).toEqual([
      'elect',
      'expect',
    ]);
  });

  it('undetermined text is analysed as English', () => {
    expect(analyzeText('The running dogs', analysisFor('und'))).toEqual(['run', 'dog']);
  });

  it('another language: its own list and the English one, no stemming', () => {
    const german = analysisFor('deu');
    expect(german.stem).toBe(false);
    expect(analyzeText('Die Regeln für den Radsport and the rules', german)).toEqual([
      'regeln',
      'radsport',
      'rules',
    ]);
  });

  it('stop words of languages without spaces match their bigrams', () => {
    const chinese = analysisFor('zho');
    // 我 and 们 are stop words of the Chinese list, so 我们 ("we") is; 健康 ("health") is not.
    expect(analyzeText('我们 健康', chinese)).toEqual(['健康']);
    // Japanese: これ ("this") is in the list.
    expect(analyzeText('これ 東京', analysisFor('jpn'))).toEqual(['東京']);
  });
});

describe('isStopWord', () => {
  it('does not pair up one-letter stop words of spaced scripts', () => {
    // `a` and `i` are English stop words; `ai` is not.
    expect(analyzeText('AI', analysisFor('eng'))).toEqual(['ai']);
  });
});
