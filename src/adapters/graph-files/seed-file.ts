/** Reads a seed file: one node label per line; blank lines and `#` comment lines are skipped. */
import { openByteSource } from './byte-source.ts';

export async function readSeedFile(path: string): Promise<string[]> {
  const source = openByteSource(path);
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks) parts.push(Buffer.from(chunk)); // chunks may be reused: copy
  return Buffer.concat(parts)
    .toString('utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
