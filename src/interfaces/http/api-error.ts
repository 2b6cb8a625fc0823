/**
 * Errors of the HTTP API and how every error becomes a response: one JSON body shape,
 * `{"error": {"code", "message", "field"}}`, and a status chosen by what the client should do. The
 * application's LinkledgerError classes map as USAGE -> 400, BAD_INPUT -> 422, TRANSIENT -> 503,
 * INTERNAL -> 500; anything else is a bug: 500 with a generic message (the stack goes to the log only).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, LinkledgerError } from '../../core/errors.ts';

/** The `code` values a client can see. */
export type ApiErrorCode = ErrorCode | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; field: string | null };
}

/** An error the HTTP layer raises itself (bad parameter, missing token, unknown resource). */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly field: string | null;
  constructor(
    status: ContentfulStatusCode,
    code: ApiErrorCode,
    message: string,
    field: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** A query or body parameter that is not acceptable: 400, naming it. */
export const badParameter = (field: string, message: string) => new ApiError(400, 'USAGE', message, field);

/** Runs `check`; a UsageError it throws becomes a 400 naming `field`. */
export function asParameter<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof LinkledgerError && error.code === 'USAGE') throw badParameter(field, error.message);
    throw error;
  }
}

export const STATUS_OF_CODE: Readonly<Record<ErrorCode, ContentfulStatusCode>> = {
  USAGE: 400,
  BAD_INPUT: 422,
  TRANSIENT: 503,
  INTERNAL: 500,
};

/**
 * The status and body for any thrown value. `log` receives what the client must not see (internal errors
 * with their stack).
 */
export function errorResponse(
  error: unknown,
  log: (message: string) => void,
): { status: ContentfulStatusCode; body: ApiErrorBody } {
  if (error instanceof ApiError) {
    return {
      status: error.status,
      body: { error: { code: error.code, message: error.message, field: error.field } },
    };
  }
  if (error instanceof LinkledgerError && error.code !== 'INTERNAL') {
    const status = STATUS_OF_CODE[error.code];
    if (status >= 500) log(`${error.code}: ${error.message}`);
    return { status, body: { error: { code: error.code, message: error.message, field: null } } };
  }
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'internal error (logged on the server)', field: null } },
  };
}
