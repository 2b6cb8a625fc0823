/**
 * Errors classified by what the caller should do about them. Only the outer layers (CLI, HTTP) turn these
 * into exit codes or statuses.
 */

export type ErrorCode =
  /** The user asked for something impossible: bad flag, missing file. Fix the command and retry. */
  | 'USAGE'
  /** The input is not what it claims to be (not a WARC, corrupt beyond recovery). Fix the input. */
  | 'BAD_INPUT'
  /** Something outside us failed (disk full, server down). Retrying later may work. */
  | 'TRANSIENT'
  /** A bug or an impossible state. Report it. */
  | 'INTERNAL';

export class LinkledgerError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LinkledgerError';
    this.code = code;
  }
}

export class UsageError extends LinkledgerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('USAGE', message, options);
    this.name = 'UsageError';
  }
}

/** Input that cannot be read at all; `file` and `offset` say where. */
export class BadInputError extends LinkledgerError {
  readonly file: string | undefined;
  readonly offset: number | undefined;
  constructor(
    message: string,
    where: { file?: string; offset?: number } = {},
    options?: { cause?: unknown },
  ) {
    const place = [where.file, where.offset === undefined ? undefined : `byte ${where.offset}`]
      .filter((p) => p !== undefined)
      .join(' at ');
    super('BAD_INPUT', place ? `${place}: ${message}` : message, options);
    this.name = 'BadInputError';
    this.file = where.file;
    this.offset = where.offset;
  }
}

/** Process exit codes, one per error class (documented in the README). */
export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = {
  USAGE: 2,
  BAD_INPUT: 3,
  TRANSIENT: 4,
  INTERNAL: 70,
};
