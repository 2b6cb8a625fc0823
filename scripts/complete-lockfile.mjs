#!/usr/bin/env node
/**
 * Adds lock entries for optional platform packages (`@biomejs/cli-darwin-arm64`, `@duckdb/node-bindings-
 * win32-x64`, ...) that the npm mirror of our build machines does not carry. npm leaves them out of
 * package-lock.json when it cannot fetch their metadata, and `npm ci` then refuses the lock as "out of sync".
 * The entries written here carry the platform (os/cpu/libc, read from the package name) so that npm skips
 * them on every other platform without fetching anything. Run after any `npm install` that changes the lock:
 *   node scripts/complete-lockfile.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    const nested = `${key}/node_modules/${name}`;
    if (packages[at] || packages[nested]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[at] = { version, ...platform, optional: true };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform entries`);

function platformOf(name) {
  const m = /-(android|darwin|linux|win32|freebsd|openbsd|sunos|aix|netbsd)-(x64|arm64|arm|ia32|ppc64|s390x|riscv64|loong64|mips64el)(?:-(musl|gnu))?$/.exec(name);
  if (!m) return null;
  return { os: [m[1]], cpu: [m[2]], ...(m[3] ? { libc: [m[3] === 'musl' ? 'musl' : 'glibc'] } : {}) };
}
