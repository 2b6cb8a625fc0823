/**
 * Files uploaded to `POST /api/v1/jobs/upload` (a browser has no path on the server): streamed to the
 * server's upload folder under a fresh name that keeps the original's extension, never bigger than
 * `maxBytes` (the partial file is removed and the client gets 413). The import job reads it from there
 * and removes it once imported; a failed or cancelled import keeps it so that the same job can resume.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from '../interfaces/http/api-error.ts';

export const MAX_UPLOAD_BYTES = 4 * 1024 ** 3;

/** A file name safe on any file system, with the extensions format detection and gzip handling see. */
export function safeUploadName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return clean.slice(-120) || 'upload';
}

export async function saveUpload(
  dir: string,
  name: string,
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number = MAX_UPLOAD_BYTES,
): Promise<{ path: string; bytes: number }> {
  if (body === null)
    throw new ApiError(400, 'USAGE', 'the request has no body: send the file as the body', 'body');
  mkdirSync(dir, { recursive: true });
  const path = join(
    dir,
    `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}-${safeUploadName(name)}`,
  );
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes)
        done(new ApiError(413, 'USAGE', `the upload is larger than ${maxBytes} bytes`, 'body'));
      else done(null, chunk);
    },
  });
  // The file is opened before the copy starts: a write stream opening it in the background could
  // create it after an early 413 had already removed it, leaving the partial upload behind.
  const file = await open(path, 'wx');
  try {
    await pipeline(
      Readable.fromWeb(body as import('node:stream/web').ReadableStream),
      cap,
      file.createWriteStream(),
    );
  } catch (error) {
    rmSync(path, { force: true });
    throw error;
  }
  if (bytes === 0) {
    rmSync(path, { force: true });
    throw new ApiError(400, 'USAGE', 'the uploaded file is empty', 'body');
  }
  return { path, bytes };
}
