/**
 * Response schemas of the API, for the OpenAPI document. They describe the JSON the application functions
 * return (src/app/ledger/reports.ts and friends), unchanged: the API adds paging around them, nothing else.
 * Objects are strict (no field beyond those listed), and test/interfaces/http/api.test.ts checks real
 * responses against them; only a broken page's best links and a job's parameters stay open.
 */
import { z } from '@hono/zod-openapi';
import { ANCHOR_CLASSES } from '../../core/ledger/anchor-class.ts';
import { LOST_REASONS } from '../../core/ledger/model.ts';
import { PLACEMENTS } from '../../core/link/link.ts';
import { LEDGER_KINDS } from './params.ts';

const kind = z.enum(LEDGER_KINDS);
const placement = z.enum(PLACEMENTS);
const time = z.string().openapi({ format: 'date-time' });
const score = z
  .number()
  .nullable()
  .openapi({ description: '0-100 from the last `linkledger rank`; null if not ranked' });

export const ErrorSchema = z
  .strictObject({
    error: z.strictObject({
      code: z.enum(['USAGE', 'BAD_INPUT', 'TRANSIENT', 'INTERNAL', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND']),
      message: z.string(),
      field: z.string().nullable().openapi({ description: 'the parameter at fault, when one is' }),
    }),
  })
  .openapi('Error');

export const PageSchema = z
  .strictObject({
    limit: z.number().int(),
    offset: z.number().int(),
    count: z.number().int().openapi({ description: 'rows in this response' }),
    nextOffset: z.number().int().nullable().openapi({
      description: 'offset of the next page when this one is full (there may be more); else null',
    }),
  })
  .openapi('Page');

/** `{data: rows, page}`: a page of a listing. */
export const pageOf = <T extends z.ZodType>(row: T, name: string) =>
  z.strictObject({ data: z.array(row), page: PageSchema }).openapi(name);

export const BacklinkSchema = z
  .strictObject({
    sourceUrl: z.string(),
    targetUrl: z.string(),
    anchor: z.string(),
    rel: z.array(z.string()),
    nofollow: z.boolean(),
    sponsored: z.boolean(),
    ugc: z.boolean(),
    kind,
    placement,
    firstSeen: time,
    lastSeen: time,
    lostAt: time.nullable(),
    lostReason: z.enum(LOST_REASONS).nullable(),
    sources: z.array(z.string()),
    sourceHost: z.string(),
    sourceDomain: z.string(),
    sourceAuthority: score,
    sourceDomainAuthority: score,
    quality: z
      .number()
      .optional()
      .openapi({ description: 'quality 0-100 (docs/quality.md), with quality=true' }),
  })
  .openapi('Backlink');

export const RefDomainSchema = z
  .strictObject({
    domain: z.string(),
    links: z.number().int(),
    dofollowLinks: z.number().int(),
    firstSeen: time,
    lastSeen: time,
    bestLink: z.strictObject({
      sourceUrl: z.string(),
      targetUrl: z.string(),
      anchor: z.string(),
      kind,
      dofollow: z.boolean(),
      placement,
    }),
    authority: score,
  })
  .openapi('RefDomain');

export const AnchorSchema = z
  .strictObject({
    anchor: z.string(),
    class: z.enum(ANCHOR_CLASSES),
    image: z.boolean(),
    links: z.number().int(),
    dofollowLinks: z.number().int(),
    refdomains: z.number().int(),
    firstSeen: time,
    lastSeen: time,
  })
  .openapi('Anchor');

export const AnchorPageSchema = z
  .strictObject({
    data: z.array(AnchorSchema),
    classes: z
      .record(z.enum(ANCHOR_CLASSES), z.number().int())
      .openapi({ description: 'links per class, all anchors' }),
    truncated: z.boolean(),
    page: PageSchema,
  })
  .openapi('AnchorPage');

export const LinkedPageSchema = z
  .strictObject({
    targetUrl: z.string(),
    links: z.number().int(),
    dofollowLinks: z.number().int(),
    refdomains: z.number().int(),
    firstSeen: time,
    lastSeen: time,
  })
  .openapi('LinkedPage');

export const BrokenPageSchema = z
  .strictObject({
    targetUrl: z.string(),
    status: z.number().int(),
    checkedAt: time,
    refdomains: z.number().int(),
    links: z.number().int(),
    dofollowLinks: z.number().int(),
    firstSeen: time,
    lastSeen: time,
    bestLinks: z.array(z.object({}).loose()),
  })
  .openapi('BrokenPage');

const namedCount = z.strictObject({
  name: z.string(),
  links: z.number().int(),
  refdomains: z.number().int(),
});
const windowCounts = z.strictObject({
  newLinks: z.number().int(),
  lostLinks: z.number().int(),
  newRefdomains: z.number().int(),
  lostRefdomains: z.number().int(),
});

export const ProfileSchema = z
  .strictObject({
    target: z.string(),
    scope: z.string(),
    links: z.strictObject({ total: z.number().int(), live: z.number().int(), lost: z.number().int() }),
    dofollowLinks: z.number().int(),
    dofollowShare: z.number(),
    refdomains: z.number().int(),
    refpages: z.number().int(),
    kinds: z.array(namedCount),
    placements: z.array(namedCount),
    tlds: z.array(namedCount),
    topDomains: z.array(namedCount),
    authority: z
      .strictObject({
        page: z.number().nullable(),
        host: z.number().nullable(),
        domain: z.number().nullable(),
      })
      .openapi({
        description: "the target's own authority (0-100) from the last rank run; null where not ranked",
      }),
    last30Days: windowCounts,
    last90Days: windowCounts,
  })
  .openapi('Profile');

export const HistorySchema = z
  .strictObject({
    data: z.array(
      z.strictObject({
        period: time,
        newLinks: z.number().int(),
        lostLinks: z.number().int(),
        lostByReason: z.record(z.enum(LOST_REASONS), z.number().int()),
        relChanges: z.number().int(),
        newRefdomains: z.number().int(),
        lostRefdomains: z.number().int(),
        liveLinks: z.number().int(),
        liveRefdomains: z.number().int(),
      }),
    ),
  })
  .openapi('History');

export const GapRowSchema = z
  .strictObject({
    domain: z.string(),
    competitors: z.array(z.string()),
    competitorCount: z.number().int(),
    links: z.number().int(),
    linksPerCompetitor: z.record(z.string(), z.number().int()),
    authority: score,
    firstSeen: time,
    relevance: z.number().nullable(),
  })
  .openapi('GapDomain');

const toxicReason = z.strictObject({
  code: z.string(),
  weight: z.number().openapi({ description: "in (0, 1]: the code's weight times the finding's severity" }),
  evidence: z.string(),
  scheme: z.string().openapi({ description: 'the link scheme the reason points to' }),
});

const toxicLink = z.strictObject({
  index: z.number().int(),
  sourceUrl: z.string(),
  sourceDomain: z.string(),
  targetUrl: z.string(),
  kind: z.string(),
  anchor: z.string().nullable(),
  nofollow: z.boolean(),
  sponsored: z.boolean(),
  ugc: z.boolean(),
  placement: z.string().nullable(),
  score: z.number().openapi({ description: '0-100' }),
  flagged: z.boolean(),
  qualified: z.boolean().openapi({ description: 'nofollow, sponsored or ugc: passes no ranking credit' }),
  reasons: z.array(toxicReason),
});

const toxicDomain = z.strictObject({
  domain: z.string(),
  links: z.number().int(),
  flaggedLinks: z.number().int(),
  score: z.number().openapi({ description: 'the highest score of its links' }),
  reasons: z.array(z.strictObject({ code: z.string(), links: z.number().int(), scheme: z.string() })),
});

export const ToxicSchema = z
  .strictObject({
    target: z.string(),
    links: z.array(toxicLink).openapi({ description: 'assessed links, highest score first' }),
    domains: z.array(toxicDomain),
    unavailable: z.array(z.strictObject({ code: z.string(), why: z.string() })),
    whitelisted: z.strictObject({ links: z.number().int() }),
    total: z.number().int().openapi({ description: 'links listed in all (before limit/offset)' }),
    page: PageSchema.nullable().openapi({ description: 'with limit: this page of the links' }),
    unknownSeeds: z
      .array(z.string())
      .openapi({ description: 'trusted domains given that are not in the ledger (they seed nothing)' }),
  })
  .openapi('ToxicityReport');

const epochMs = z.number().openapi({ description: 'epoch milliseconds' });

const qualityFactor = z.strictObject({
  name: z.string(),
  role: z.enum(['base', 'multiplier']),
  input: z.string().openapi({ description: 'as the CLI prints it: `DA 41.2`, `footer`, `unknown`' }),
  value: z.number().openapi({ description: 'in [0, 1] (base) or the multiplier' }),
  weight: z.number().openapi({ description: 'base: the normalised weight (they sum to 1); multipliers: 1' }),
  points: z
    .number()
    .openapi({ description: 'points added (base) or removed (multiplier) in the 0-100 score' }),
  known: z.boolean(),
});

/** A ledger link as the store keeps it (times in epoch ms, rel one space-separated string). */
const ledgerLink = z.strictObject({
  sourceUrl: z.string(),
  sourceHost: z.string(),
  sourceDomain: z.string(),
  targetUrl: z.string(),
  targetHost: z.string(),
  targetDomain: z.string(),
  kind: z.enum(LEDGER_KINDS),
  followed: z.boolean().openapi({ description: 'not nofollow, sponsored or ugc' }),
  anchor: z.string(),
  rel: z.string(),
  nofollow: z.boolean(),
  sponsored: z.boolean(),
  ugc: z.boolean(),
  image: z.boolean(),
  placement: z.enum(PLACEMENTS),
  firstSeen: epochMs,
  lastSeen: epochMs,
  lostAt: epochMs.nullable(),
  lostReason: z.enum(LOST_REASONS).nullable(),
  sources: z.array(z.string()),
});

export const ExplainSchema = z
  .array(
    z.strictObject({
      link: ledgerLink,
      quality: z.strictObject({ score: z.number(), factors: z.array(qualityFactor) }),
      sourceAuthority: z.number().nullable(),
      sourceDomainAuthority: z.number().nullable(),
      relevance: z.number().nullable(),
      anchorRelevance: z.number().nullable(),
      sourceTopics: z.array(z.string()).openapi({ description: 'the most distinctive terms of the page' }),
      targetTopics: z.array(z.string()),
    }),
  )
  .openapi('ExplainedLinks', {
    description: 'the links from source to target, each with its quality breakdown',
  });

export const WhitelistSchema = z
  .strictObject({
    target: z.string(),
    data: z.array(
      z.strictObject({
        value: z.string().openapi({ example: 'domain:example.com' }),
        at: time,
        note: z.string(),
      }),
    ),
  })
  .openapi('Whitelist');

export const DisavowVersionSchema = z
  .strictObject({ target: z.string(), version: z.number().int(), createdAt: time, entries: z.number().int() })
  .openapi('DisavowVersion');

export const GeneratedDisavowSchema = z
  .strictObject({
    version: DisavowVersionSchema,
    added: z.number().int().openapi({ description: 'entries this run contributed' }),
    links: z.number().int(),
    domains: z.number().int(),
    text: z.string().openapi({ description: 'the file, as saved' }),
  })
  .openapi('GeneratedDisavow');

export const LedgerOverviewSchema = z
  .strictObject({
    counts: z.strictObject({
      pages: z.number().int(),
      captures: z.number().int(),
      links: z.number().int(),
      linkSources: z.number().int(),
      importRuns: z.number().int(),
    }),
    sources: z.array(z.strictObject({ source: z.string(), links: z.number().int() })),
    rankedAt: time.nullable().openapi({ description: 'when `linkledger rank` last ran; null if never' }),
    authorityRun: z
      .strictObject({})
      .loose()
      .nullable()
      .openapi({ description: 'that run: options, links used, per level nodes and iterations' }),
    topDomains: z.array(z.strictObject({ key: z.string(), score: z.number() })),
    suggestedTarget: z
      .string()
      .nullable()
      .openapi({ description: 'the domain with the highest authority, a first target to look at' }),
  })
  .openapi('LedgerOverview');

const move = z.strictObject({
  key: z.string(),
  before: z.number(),
  after: z.number(),
  delta: z.number(),
  rankBefore: z.number(),
  rankAfter: z.number(),
});
const levelRun = z.strictObject({ iterations: z.number().int(), converged: z.boolean() });
export const WhatIfSchema = z
  .strictObject({
    target: z.string(),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    rankedAt: time,
    warmStart: z.boolean(),
    moves: z.strictObject({ page: move, host: move, domain: move }),
    runs: z.strictObject({ page: levelRun, host: levelRun, domain: levelRun }),
  })
  .openapi('WhatIf');

export const JobSchema = z
  .strictObject({
    id: z.string(),
    kind: z.enum(['import', 'crawl', 'rank']),
    state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    createdAt: time,
    startedAt: time.nullable(),
    finishedAt: time.nullable(),
    params: z.object({}).loose().openapi({ description: 'what the job was started with' }),
    progress: z.strictObject({
      done: z.number(),
      total: z.number().nullable().openapi({ description: 'null while unknown (a crawl frontier grows)' }),
      unit: z.string().openapi({ example: 'bytes' }),
      ratePerSecond: z.number().nullable(),
      message: z.string(),
    }),
    result: z
      .unknown()
      .openapi({ description: 'what the job produced (import runs, crawl stats, rank run)' }),
    error: z.string().nullable(),
  })
  .openapi('Job');

export const JobListSchema = z.strictObject({ data: z.array(JobSchema) }).openapi('JobList');

/** The paged listings, one schema each (the endpoints and the API tests use the same). */
export const BacklinkPageSchema = pageOf(BacklinkSchema, 'BacklinkPage');
export const RefDomainPageSchema = pageOf(RefDomainSchema, 'RefDomainPage');
export const LinkedPagePageSchema = pageOf(LinkedPageSchema, 'LinkedPagePage');
export const BrokenPagePageSchema = pageOf(BrokenPageSchema, 'BrokenPagePage');
export const GapPageSchema = pageOf(GapRowSchema, 'GapPage');
