/** Document frequencies, page and anchor relevance, topic labels (core/text). */
import { describe, expect, it } from 'vitest';
import { digestText, formatDigest } from '../../../src/core/text/digest.ts';
import { DocumentFrequencies } from '../../../src/core/text/frequencies.ts';
import {
  anchorRelevance,
  cosine,
  pageRelevance,
  termVector,
  topicLabels,
} from '../../../src/core/text/relevance.ts';

const page = (text: string) => formatDigest(digestText(text, 'en'));

const GOLF = page(
  'Tiger Woods opened the British Open with a 2-under 69 at Muirfield. Woods birdied the 17th hole; ' +
    'Phil Mickelson shot 69 too. The golf course was firm and fast, and the Open leaderboard is crowded. ' +
    'Golf fans watched Woods putt.',
);
const GOLF_2 = page(
  'Mickelson criticised the course setup at the British Open after his round. Golf players said the ' +
    'greens at Muirfield were too fast; Tiger Woods said the course was fair. Open championship golf.',
);
const MARS = page(
  'The Mars rover Curiosity tasted the air of Mars and found mostly carbon dioxide. NASA scientists ' +
    'said the rover will drive to Mount Sharp. Curiosity landed on Mars last year.',
);
const MARS_2 = page(
  'NASA says the atmosphere of Mars was stripped by a catastrophic event. The rover Curiosity measured ' +
    'argon isotopes in the Martian air; scientists think Mars lost its atmosphere early.',
);
const PHONES = page(
  'Nokia sold more Lumia smartphones this quarter but revenue fell. The phone maker said Windows Phone ' +
    'sales grew; analysts expected more smartphones from Nokia.',
);
const CORPUS = [GOLF, GOLF_2, MARS, MARS_2, PHONES];
const df = DocumentFrequencies.of(CORPUS);

describe('DocumentFrequencies', () => {
  it('counts in how many digests each term is, and smooths idf', () => {
    expect(df.docs).toBe(5);
    expect(df.df('mar')).toBe(2); // Porter: mars -> mar
    expect(df.df('golf')).toBe(2);
    expect(df.df('unknown')).toBe(0);
    expect(df.idf('golf')).toBeCloseTo(Math.log(6 / 3) + 1, 12);
    expect(df.idf('unknown')).toBeCloseTo(Math.log(6) + 1, 12);
    expect(df.maxIdf()).toBeCloseTo(Math.log(6) + 1, 12);
  });

  it('round-trips through JSON, and the same frequencies always serialise the same way', () => {
    const json = JSON.parse(JSON.stringify(df));
    const again = DocumentFrequencies.fromJSON(json);
    expect(again.docs).toBe(df.docs);
    expect(again.terms).toBe(df.terms);
    expect(again.idf('golf')).toBe(df.idf('golf'));
    expect(JSON.stringify(DocumentFrequencies.of([...CORPUS].reverse()))).toBe(JSON.stringify(df));
    expect(() => DocumentFrequencies.fromJSON({ ...json, v: 2 })).toThrow(/version/);
  });

  it('skips missing and unreadable digests', () => {
    const frequencies = new DocumentFrequencies();
    expect(frequencies.add(null)).toBe(false);
    expect(frequencies.add('v9 eng a:1')).toBe(false);
    expect(frequencies.add(GOLF)).toBe(true);
    expect(frequencies.docs).toBe(1);
  });

  it('with no documents every idf is 1', () => {
    expect(new DocumentFrequencies().idf('anything')).toBe(1);
  });
});

describe('pageRelevance', () => {
  it('is 1 for the same page, 0 for pages without a common term or without a digest', () => {
    expect(pageRelevance(GOLF, GOLF, df)).toBeCloseTo(1, 12);
    expect(pageRelevance(page('alpha beta gamma'), page('delta epsilon'), df)).toBe(0);
    expect(pageRelevance(GOLF, null, df)).toBe(0);
    expect(pageRelevance('not a digest', GOLF, df)).toBe(0);
  });

  it('ranks same-topic pages above other topics', () => {
    expect(pageRelevance(GOLF, GOLF_2, df)).toBeGreaterThan(pageRelevance(GOLF, MARS, df));
    expect(pageRelevance(GOLF, GOLF_2, df)).toBeGreaterThan(pageRelevance(GOLF, PHONES, df));
    expect(pageRelevance(MARS, MARS_2, df)).toBeGreaterThan(pageRelevance(MARS, GOLF_2, df));
    expect(pageRelevance(MARS, MARS_2, df)).toBeGreaterThan(pageRelevance(MARS, PHONES, df));
  });

  it('is symmetric and stays within 0..1, with or without frequencies', () => {
    for (const a of CORPUS) {
      for (const b of CORPUS) {
        for (const frequencies of [df, null]) {
          const r = pageRelevance(a, b, frequencies);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(1);
          expect(r).toBeCloseTo(pageRelevance(b, a, frequencies), 12);
        }
      }
    }
  });

  it('is the cosine of the TF-IDF vectors: w = (1 + ln c) * idf', () => {
    const a = digestText('saturn saturn rings', 'en');
    const b = digestText('saturn moons', 'en');
    const w = (count: number, term: string) => (1 + Math.log(count)) * df.idf(term);
    const va = [w(2, 'saturn'), w(1, 'ring')];
    const vb = [w(1, 'saturn'), w(1, 'moon')];
    const expected = (va[0]! * vb[0]!) / (Math.hypot(...va) * Math.hypot(...vb));
    expect(pageRelevance(a, b, df)).toBeCloseTo(expected, 12);
    expect(cosine(termVector(a, df), termVector(b, df))).toBeCloseTo(expected, 12);
  });
});

describe('anchorRelevance', () => {
  const title = 'British Open 2013: Tiger Woods opens with 2-under 69';

  it('an anchor naming the topic beats "click here" and "read more"', () => {
    const exact = anchorRelevance('Tiger Woods at the British Open', title, GOLF, df);
    const partial = anchorRelevance('golf news', title, GOLF, df);
    const generic = anchorRelevance('click here', title, GOLF, df);
    const more = anchorRelevance('Read more', title, GOLF, df);
    expect(exact).toBeCloseTo(1, 12); // every anchor term is in the title
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(exact);
    expect(generic).toBe(0);
    expect(more).toBe(0);
    expect(exact).toBeGreaterThan(generic);
  });

  it('an anchor about another topic scores low', () => {
    expect(anchorRelevance('Mars rover Curiosity', title, GOLF, df)).toBe(0);
    expect(
      anchorRelevance('Mars rover Curiosity', 'Curiosity tastes the Martian air', MARS, df),
    ).toBeGreaterThan(0.9);
  });

  it('uses the digest when the title does not have the word', () => {
    const r = anchorRelevance('Mickelson', title, GOLF, df);
    expect(r).toBeGreaterThan(0);
    expect(r).toBeLessThan(1);
  });

  it('discounts anchors made of words every page has', () => {
    const everywhere = DocumentFrequencies.of([GOLF, page('golf'), page('golf club'), page('golf ball')]);
    const common = anchorRelevance('golf', null, GOLF, everywhere);
    const rare = anchorRelevance('Muirfield', null, GOLF, everywhere);
    expect(common).toBeLessThan(rare);
  });

  it('scores 0 without anchor terms or without anything known of the target', () => {
    expect(anchorRelevance('', title, GOLF, df)).toBe(0);
    expect(anchorRelevance('the of and', title, GOLF, df)).toBe(0);
    expect(anchorRelevance('Tiger Woods', null, null, df)).toBe(0);
    // Title only: full coverage, times the information of two words that 2 of the 5 pages have.
    expect(anchorRelevance('Tiger Woods', title, null, df)).toBeCloseTo(
      (2 * Math.log(6 / 3)) / Math.log(6),
      12,
    );
  });

  it('stays within 0..1', () => {
    for (const anchor of [
      'Tiger',
      'golf golf golf',
      'British Open Muirfield leaderboard',
      'x y z',
      'Woods 69',
    ]) {
      for (const frequencies of [df, null]) {
        const r = anchorRelevance(anchor, title, GOLF, frequencies);
        expect(r).toBeGreaterThanOrEqual(0);
        expect(r).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('topicLabels', () => {
  it('gives the most distinctive repeated terms in their display form', () => {
    const labels = topicLabels(MARS, df, 3);
    expect(labels).toHaveLength(3);
    expect(labels).toContain('mars');
    expect(labels).toContain('curiosity');
    expect(labels).toContain('rover');
  });

  it('fills with single terms when too few repeat, and handles edge cases', () => {
    // Equal weights: ordered by term (ring < saturn).
    expect(topicLabels(page('Saturn rings'), df, 5)).toEqual(['rings', 'saturn']);
    expect(topicLabels(null, df, 5)).toEqual([]);
    expect(topicLabels(MARS, df, 0)).toEqual([]);
  });
});
