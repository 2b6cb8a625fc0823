/**
 * parseRobots + isAllowed (groups built once, rules compiled and sorted) against a literal transcription of
 * Google's streaming RobotsMatcher (robots.cc: HandleUserAgent / HandleAllow / HandleDisallow / disallow(),
 * the index.htm rule, Matches()), on random robots.txt files. Both read lines the same way (robotsLines,
 * parseDirective, escapePattern, tested on their own), so this checks the grouping and the decision.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDirective } from '../../../../src/core/crawl/robots/directive.ts';
import { escapePattern } from '../../../../src/core/crawl/robots/escape.ts';
import { robotsLines } from '../../../../src/core/crawl/robots/lines.ts';
import { isAllowed } from '../../../../src/core/crawl/robots/match.ts';
import { parseRobots } from '../../../../src/core/crawl/robots/parse.ts';
import { pathParamsQuery } from '../../../../src/core/crawl/robots/url-path.ts';
import { productToken } from '../../../../src/core/crawl/robots/user-agent.ts';

function matches(path: string, pattern: string): boolean {
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

/** Google's OneAgentAllowedByRobots(body, agent, url), streaming over the lines as robots.cc does. */
function googleAllowed(body: string, agent: string, url: string): boolean {
  const path = pathParamsQuery(url);
  let seenGlobal = false;
  let seenSpecific = false;
  let everSeenSpecific = false;
  let seenSeparator = false;
  const allow = { specific: -1, global: -1 };
  const disallow = { specific: -1, global: -1 };

  const record = (target: { specific: number; global: number }, priority: number) => {
    if (seenSpecific) target.specific = Math.max(target.specific, priority);
    else target.global = Math.max(target.global, priority);
  };
  const handleAllow = (value: string) => {
    if (!seenGlobal && !seenSpecific) return;
    seenSeparator = true;
    if (matches(path, value)) return record(allow, value.length);
    const slash = value.lastIndexOf('/');
    if (slash !== -1 && value.slice(slash).startsWith('/index.htm'))
      handleAllow(`${value.slice(0, slash + 1)}$`);
  };

  for (const line of robotsLines(body)) {
    const d = parseDirective(line);
    if (d === null) continue;
    if (d.key === 'user-agent') {
      if (seenSeparator) seenSpecific = seenGlobal = seenSeparator = false;
      if (d.value[0] === '*' && (d.value.length === 1 || /\s/.test(d.value[1]!))) seenGlobal = true;
      else if (productToken(d.value).toLowerCase() === agent.toLowerCase())
        everSeenSpecific = seenSpecific = true;
    } else if (d.key === 'allow') {
      handleAllow(escapePattern(d.value));
    } else if (d.key === 'disallow') {
      if (!seenGlobal && !seenSpecific) continue;
      seenSeparator = true;
      const value = escapePattern(d.value);
      if (matches(path, value)) record(disallow, value.length);
    }
  }
  if (allow.specific > 0 || disallow.specific > 0) return !(disallow.specific > allow.specific);
  if (everSeenSpecific) return true;
  if (allow.global > 0 || disallow.global > 0) return !(disallow.global > allow.global);
  return true;
}

describe('isAllowed against Google’s streaming matcher', () => {
  const piece = fc.constantFrom('/', 'a', 'b', '.', '*', '$', 'index.htm', 'index.html', '?', '%e3');
  const pattern = fc.array(piece, { maxLength: 5 }).map((p) => p.join(''));
  const line = fc.oneof(
    fc.constantFrom(
      'User-agent: *',
      'User-agent: foo',
      'user-agent: FOO/1.0',
      'User agent: bar',
      'useragent * x',
    ),
    pattern.map((p) => `Allow: ${p}`),
    pattern.map((p) => `Disallow: ${p}`),
    pattern.map((p) => `disalow ${p}`),
    fc.constantFrom('', '# comment', 'Sitemap: http://x/s.xml', 'Crawl-delay: 3', 'Foo: bar', 'allow /a /b'),
  );
  const path = fc.array(fc.constantFrom('/', 'a', 'b', '.', 'index.html', '?', '%E3'), { maxLength: 6 });

  it('gives the same answer for every file, agent and path', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 12 }),
        fc.constantFrom('foo', 'bar', 'baz'),
        path,
        (lines, agent, p) => {
          const body = lines.join('\n');
          const url = `http://example.com/${p.join('')}`;
          expect(isAllowed(parseRobots(body), agent, url)).toBe(googleAllowed(body, agent, url));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
