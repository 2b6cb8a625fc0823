/**
 * Reads a disavow file for the `disavow` subcommands (the only place they touch the file system). A file far
 * past Google's 2 MB limit (16 times) is not read at all: it is certainly not a disavow file, and reading a
 * multi-gigabyte file by mistake would exhaust memory.
 */
import { readFile, stat } from 'node:fs/promises';
import { count, DISAVOW_MAX_BYTES } from '../../../../core/disavow/limits.ts';
import { BadInputError } from '../../../../core/errors.ts';

const READ_AT_MOST = 16 * DISAVOW_MAX_BYTES;

export async function readDisavowFile(path: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(path);
    if (size > READ_AT_MOST) {
      throw new BadInputError(
        `is ${count(size)} bytes, far past the ${count(DISAVOW_MAX_BYTES)} bytes of a disavow file; not read`,
        { file: path },
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof BadInputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code})`;
    throw new BadInputError(`disavow file ${reason}`, { file: path }, { cause: error });
  }
}
