#!/usr/bin/env node
// Launcher. Runs the compiled build (dist/, made by `npm run build`, which `npm ci` runs) when it is at least
// as new as every source file; otherwise the TypeScript sources through tsx. So an edited source is never
// shadowed by a stale build, and an installed tree starts without compiling TypeScript (~1 s of CPU less).
// LINKLEDGER_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/main/cli.js', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    const time = entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

function buildIsFresh() {
  if (process.env.LINKLEDGER_FROM_SOURCE === '1') return false;
  const file = fileURLToPath(compiled);
  if (!existsSync(file)) return false;
  return statSync(file).mtimeMs >= newestSource(fileURLToPath(new URL('../src', import.meta.url)));
}

if (buildIsFresh()) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main/cli.ts');
}
