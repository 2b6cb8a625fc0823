/** The memory store's whitelist and disavow file versions (copies in, copies out, like the rest of the store). */
import type { DisavowVersion, NewDisavowVersion, ReviewEntry, ReviewKind } from '../../core/ledger/review.ts';
import { compareKeys } from './memory-queries.ts';

const keyOf = (target: string, kind: ReviewKind, value: string) => JSON.stringify([target, kind, value]);

export class MemoryReviews {
  private readonly entries = new Map<string, ReviewEntry>();
  private readonly versions: DisavowVersion[] = [];

  add(entry: ReviewEntry): void {
    this.entries.set(keyOf(entry.target, entry.kind, entry.value), { ...entry });
  }

  of(target: string): ReviewEntry[] {
    return [...this.entries.values()]
      .filter((e) => e.target === target)
      .sort((a, b) => compareKeys([a.kind, a.value], [b.kind, b.value], []))
      .map((e) => ({ ...e }));
  }

  remove(target: string, kind: ReviewKind, value: string): boolean {
    return this.entries.delete(keyOf(target, kind, value));
  }

  saveVersion(input: NewDisavowVersion): DisavowVersion {
    const last = Math.max(0, ...this.versions.filter((v) => v.target === input.target).map((v) => v.version));
    const { target, createdAt, content, entries } = input;
    const saved = { target, createdAt, content, entries, version: last + 1 };
    this.versions.push(saved);
    return { ...saved };
  }

  versionsOf(target: string): DisavowVersion[] {
    return this.versions
      .filter((v) => v.target === target)
      .sort((a, b) => compareKeys([a.createdAt, a.version], [b.createdAt, b.version], [true, true]))
      .map((v) => ({ ...v }));
  }
}
