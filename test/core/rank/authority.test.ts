import { describe, expect, it } from 'vitest';
import { authorityScaleOf, authorityScore, authorityScores } from '../../../src/core/rank/authority-scale.ts';
import { linkAuthority } from '../../../src/core/rank/link-authority.ts';
import { pagerank } from '../../../src/core/rank/pagerank.ts';
import { sharedGraph } from './graphs.ts';

describe('0-100 authority scale', () => {
  it('maps the top rank to 100, the floor to 0, equal rank ratios to equal steps', () => {
    const scale = { floor: 1e-6, top: 1e-2 }; // 4 decades: 25 points per decade
    expect(authorityScore(1e-2, scale)).toBe(100);
    expect(authorityScore(1e-6, scale)).toBe(0);
    expect(authorityScore(1e-4, scale)).toBeCloseTo(50, 12);
    expect(authorityScore(1e-5, scale)).toBeCloseTo(25, 12);
    expect(authorityScore(1, scale)).toBe(100); // clamped beyond the reference
    expect(authorityScore(1e-9, scale)).toBe(0);
    expect(authorityScore(0, scale)).toBe(0);
  });

  it('does not depend on how the ranks are normalised', () => {
    const ranks = [0.5, 0.2, 0.2, 0.05, 0.05];
    const scaled = ranks.map((r) => r * 1234);
    expect([...authorityScores(scaled)]).toEqual(
      [...authorityScores(ranks)].map((s) => expect.closeTo(s, 12)),
    );
  });

  it('is reproducible from a PageRank file: the hollins example of the module header', async () => {
    const { transpose, idOf } = await sharedGraph('hollins');
    const ranks = pagerank(transpose).scores;
    const scale = authorityScaleOf(ranks);
    // +10 points = (top / floor)^(1/10) times the PageRank: documented as 1.79x, top/floor = 342.
    expect(scale.top / scale.floor).toBeCloseTo(342.4, 0);
    expect((scale.top / scale.floor) ** 0.1).toBeCloseTo(1.79, 2);
    // Recomputed by hand from two values of the rank file: page 2 is the top page, page 1 has no in-links.
    expect(ranks[idOf.get('2')!]).toBe(scale.top);
    expect(ranks[idOf.get('1')!]).toBe(scale.floor);
    const scores = authorityScores(ranks, scale);
    expect(Math.max(...scores)).toBe(100);
    expect(Math.min(...scores)).toBe(0);
  });
});

describe('page, host and domain authority', () => {
  const pages = [
    'https://news.example.com/a', // 0
    'https://news.example.com/b', // 1
    'https://www.example.com/', // 2
    'https://blog.one.org/p1', // 3
    'https://blog.one.org/p2', // 4
    'https://two.net/x', // 5
    'https://spam.blogspot.com/1', // 6
    'https://spam.blogspot.com/2', // 7
  ];
  const links: Array<[number, number, 0 | 1]> = [
    [3, 0, 1],
    [4, 1, 1], // same linking domain again: counts once at domain level
    [5, 2, 1],
    [6, 2, 0], // nofollow: ignored
    [7, 2, 0],
    [0, 1, 1], // internal
    [2, 3, 1],
    [1, 1, 1], // self-link
  ];
  const input = {
    pages,
    src: Uint32Array.from(links, ([s]) => s),
    dst: Uint32Array.from(links, ([, d]) => d),
    followed: Uint8Array.from(links, ([, , f]) => f),
    count: links.length,
  };
  const authority = linkAuthority(input, { tolerance: 1e-14 });

  it('builds the three levels with the documented edge rules', () => {
    expect(authority.page.graph.edgeCount).toBe(5); // two nofollow and one self-link dropped
    expect(authority.host.labels).toEqual([
      'news.example.com',
      'www.example.com',
      'blog.one.org',
      'two.net',
      'spam.blogspot.com',
    ]);
    // blog.one.org -> news.example.com once; two.net -> www; www -> blog.one.org
    expect(authority.host.graph.edgeCount).toBe(3);
    expect(authority.domain.labels).toEqual(['example.com', 'one.org', 'two.net', 'spam.blogspot.com']);
    expect(authority.domain.graph.edgeCount).toBe(3); // one.org -> example.com, two.net -> example.com, example.com -> one.org
  });

  it('scores 0-100 with the best-linked domain at 100 and unlinked ones at 0', () => {
    const score = (name: string) => authority.domain.score[authority.domain.labels.indexOf(name)]!;
    expect(score('example.com')).toBe(100);
    expect(score('two.net')).toBe(0);
    expect(score('spam.blogspot.com')).toBe(0); // its links were nofollow, and nobody links to it
    expect(score('one.org')).toBeGreaterThan(0);
    expect(score('one.org')).toBeLessThan(100);
  });

  it('counts nofollow links on request', () => {
    const all = linkAuthority(input, { includeNofollow: true });
    expect(all.page.graph.edgeCount).toBe(7);
    expect(all.domain.graph.edgeCount).toBe(4);
  });
});
