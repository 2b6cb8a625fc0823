/** An API failure, shown where the data would be, with a retry when one makes sense. */
import type { ApiError } from '../api/client.ts';

interface Props {
  error: ApiError | Error | string | null;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorBanner({ error, onRetry, testId = 'error-banner' }: Props) {
  if (error === null) return null;
  // A missing token is the token prompt's business (and the app's one banner), not every panel's.
  if (typeof error === 'object' && 'status' in error && error.status === 401) return null;
  const message = typeof error === 'string' ? error : error.message;
  const status = typeof error === 'object' && 'status' in error && error.status > 0 ? error.status : null;
  return (
    <div className="banner banner-error" role="alert" data-testid={testId}>
      <span className="banner-text">
        {status !== null && <strong>{status} · </strong>}
        {message}
      </span>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
