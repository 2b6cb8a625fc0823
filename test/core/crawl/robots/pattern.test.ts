/**
 * The compiled pattern matcher against a direct transcription of Google's Matches() (the set of reachable
 * path positions, robots.cc), on random patterns and paths over a small alphabet where `*` and `$` collide
 * often; plus the documented cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../../src/core/crawl/robots/pattern.ts';

/** Google's algorithm, kept literal: pos[] holds every path prefix length the pattern prefix can match. */
function googleMatches(path: string, pattern: string): boolean {
  let pos = [0];
  for (let p = 0; p < pattern.length; p++) {
    const ch = pattern[p];
    if (ch === '$' && p + 1 === pattern.length) return pos[pos.length - 1] === path.length;
    if (ch === '*') {
      const from = pos[0]!;
      pos = [];
      for (let i = from; i <= path.length; i++) pos.push(i);
    } else {
      pos = pos.filter((i) => i < path.length && path[i] === ch).map((i) => i + 1);
      if (pos.length === 0) return false;
    }
  }
  return true;
}

describe('compilePattern', () => {
  it('agrees with Google on random patterns and paths', () => {
    const chars = fc.constantFrom('/', 'a', 'b', '.', '*', '$');
    fc.assert(
      fc.property(
        fc.string({ unit: chars, maxLength: 8 }),
        fc.string({ unit: chars, maxLength: 10 }),
        (pattern, rest) => {
          const path = `/${rest}`;
          expect(compilePattern(pattern)(path)).toBe(googleMatches(path, pattern));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('anchors at the start, treats * as any run and a final $ as the end', () => {
    expect(compilePattern('/fish')('/fish.html')).toBe(true);
    expect(compilePattern('/fish')('/catfish')).toBe(false);
    expect(compilePattern('/*.php$')('/folder/filename.php')).toBe(true);
    expect(compilePattern('/*.php$')('/filename.php?parameters')).toBe(false);
    expect(compilePattern('/*.php')('//folder/any.php.file.html')).toBe(true);
    expect(compilePattern('/a$b')('/a$b')).toBe(true);
    expect(compilePattern('/a$b')('/ab')).toBe(false);
    expect(compilePattern('/$')('/')).toBe(true);
    expect(compilePattern('/$')('/a')).toBe(false);
    expect(compilePattern('*')('/anything')).toBe(true);
    expect(compilePattern('/**a*$')('/xa')).toBe(true);
  });

  it('is case-sensitive', () => {
    expect(compilePattern('/Fish')('/fish')).toBe(false);
  });
});
