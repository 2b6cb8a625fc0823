/**
 * A download from the API: a real `<a download>` to the API URL (works without JavaScript's help and
 * streams large exports to disk); when a token is set the click is taken over and the file fetched with
 * the Authorization header instead (see api/download.ts).
 */
import { type ReactNode, useState } from 'react';
import { useAuth } from '../api/auth.ts';
import { apiUrl, messageOf, type Query } from '../api/client.ts';
import { downloadViaFetch } from '../api/download.ts';

interface Props {
  path: string;
  query: Query;
  filename: string;
  children: ReactNode;
  testId: string;
  className?: string;
  title?: string | undefined;
}

export function DownloadLink({ path, query, filename, children, testId, className, title }: Props) {
  const { token } = useAuth();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <span className="download">
      <a
        className={className ?? 'button button-small'}
        href={apiUrl(path, query)}
        download={filename}
        data-testid={testId}
        title={title}
        aria-busy={busy}
        onClick={(event) => {
          setError(null);
          if (!token) return;
          event.preventDefault();
          setBusy(true);
          downloadViaFetch(path, query, filename)
            .catch((e: unknown) => setError(messageOf(e)))
            .finally(() => setBusy(false));
        }}
      >
        {children}
      </a>
      {error && (
        <span className="inline-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
