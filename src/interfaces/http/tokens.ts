/**
 * API tokens and their roles. A token book is text: one entry per line (or several separated by commas,
 * as `LINKLEDGER_TOKENS` holds them), each `ROLE:TOKEN` where ROLE is `read` or `admin`; blank lines and
 * lines starting with `#` are ignored. A token is 16 to 512 visible ASCII characters without spaces, commas
 * or `#`. `read` may call every GET endpoint; `admin` may also change data (POST).
 *
 *     # ~/.config/linkledger/tokens
 *     read:3f9c0d7e5b1a4c2e8f6d9b0a1c3e5f7d
 *     admin:9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d
 *
 * Tokens are compared through their SHA-256 digests in constant time, so a response time does not tell
 * how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { UsageError } from '../../core/errors.ts';

export const ROLES = ['read', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const TOKEN = /^[\x21-\x7e]{16,512}$/;

export interface TokenBook {
  /** Digests of the tokens with their roles. */
  readonly entries: readonly { digest: Buffer; role: Role }[];
}

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** Parses a token book; `origin` names where it came from in errors (a file path, `LINKLEDGER_TOKENS`). */
export function parseTokens(text: string, origin: string): TokenBook {
  const entries: { digest: Buffer; role: Role }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    for (const part of line.split(',')) {
      const entry = part.trim();
      if (entry === '') continue;
      const colon = entry.indexOf(':');
      const role = entry.slice(0, colon);
      const token = entry.slice(colon + 1);
      const where = `${origin} line ${i + 1}`;
      if (colon < 0 || !(ROLES as readonly string[]).includes(role))
        throw new UsageError(`${where}: expected ROLE:TOKEN with ROLE read or admin`);
      if (!TOKEN.test(token) || token.includes(',') || token.includes('#'))
        throw new UsageError(
          `${where}: a token must be 16 to 512 visible ASCII characters without spaces, commas or #`,
        );
      entries.push({ digest: digestOf(token), role: role as Role });
    }
  }
  return { entries };
}

/** The role of a bearer token, or null when the book does not hold it. */
export function roleOf(book: TokenBook, token: string): Role | null {
  const digest = digestOf(token);
  let found: Role | null = null;
  // Every entry is compared, so the time taken does not depend on where (or whether) the token is.
  for (const entry of book.entries) {
    if (timingSafeEqual(entry.digest, digest) && found !== 'admin') found = entry.role;
  }
  return found;
}

export const allows = (held: Role, needed: Role) => held === 'admin' || needed === 'read';
