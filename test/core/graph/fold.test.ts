import { describe, expect, it } from 'vitest';
import { buildCsr } from '../../../src/core/graph/build-csr.ts';
import { row } from '../../../src/core/graph/csr.ts';
import { foldCsr } from '../../../src/core/graph/fold.ts';
import {
  domainKeyOfHost,
  domainKeyOfReversedHost,
  groupLabels,
  hostKeyOfUrl,
} from '../../../src/core/graph/group-labels.ts';

const pages = [
  'https://www.example.co.uk/a', // 0
  'https://www.example.co.uk/b', // 1
  'https://blog.example.co.uk/', // 2
  'https://alice.blogspot.com/x', // 3
  'https://bob.blogspot.com/y', // 4
  'http://203.0.113.7/page', // 5
];
const links: Array<[number, number]> = [
  [0, 1], // internal to a host
  [0, 2], // host -> host, same domain
  [1, 2], // duplicate at host level
  [3, 0],
  [3, 1], // duplicate at host and domain level
  [4, 0],
  [5, 3],
  [2, 2], // page self-loop
];

describe('folding pages into hosts and hosts into registrable domains', () => {
  const pageGraph = buildCsr(pages.length, {
    src: Uint32Array.from(links, ([s]) => s),
    dst: Uint32Array.from(links, ([, d]) => d),
    count: links.length,
  }).graph;
  const hosts = groupLabels(pages, hostKeyOfUrl);
  const hostGraph = foldCsr(pageGraph, hosts);

  it('groups URLs by host', () => {
    expect(hosts.groupLabels).toEqual([
      'www.example.co.uk',
      'blog.example.co.uk',
      'alice.blogspot.com',
      'bob.blogspot.com',
      '203.0.113.7',
    ]);
    expect([...hosts.groupOf]).toEqual([0, 0, 1, 2, 3, 4]);
  });

  it('counts each linking host once and drops links inside a host', () => {
    const out = (g: typeof hostGraph.graph, v: number) => [...row(g, v)];
    expect(out(hostGraph.graph, 0)).toEqual([1]);
    expect(out(hostGraph.graph, 1)).toEqual([]);
    expect(out(hostGraph.graph, 2)).toEqual([0]);
    expect(out(hostGraph.graph, 3)).toEqual([0]);
    expect(out(hostGraph.graph, 4)).toEqual([2]);
    expect(hostGraph.selfLoopsDropped).toBe(2); // 0->1 inside www, 2->2 inside blog
    expect(hostGraph.duplicateEdges).toBe(2); // 1->2 repeats www->blog, 3->1 repeats alice->www
  });

  it('folds hosts into registrable domains with the Public Suffix List (private suffixes are sites)', () => {
    const domains = groupLabels(hosts.groupLabels, domainKeyOfHost);
    expect(domains.groupLabels).toEqual([
      'example.co.uk',
      'alice.blogspot.com',
      'bob.blogspot.com',
      '203.0.113.7',
    ]);
    const domainGraph = foldCsr(hostGraph.graph, domains);
    expect([...row(domainGraph.graph, 0)]).toEqual([]); // www -> blog is inside example.co.uk
    expect([...row(domainGraph.graph, 1)]).toEqual([0]);
    expect([...row(domainGraph.graph, 2)]).toEqual([0]);
    expect([...row(domainGraph.graph, 3)]).toEqual([1]);
  });

  it('reads Common Crawl reversed host names', () => {
    expect(domainKeyOfReversedHost('uk.co.example.www')).toBe('example.co.uk');
    expect(domainKeyOfReversedHost('com.blogspot.alice')).toBe('alice.blogspot.com');
  });

  it('keeps intra-group links when asked', () => {
    expect(foldCsr(pageGraph, hosts, { selfLoops: 'keep' }).graph.edgeCount).toBe(
      hostGraph.graph.edgeCount + 2,
    );
  });
});
