/**
 * Disavow files: generate one from the toxic links (POST /api/v1/disavow saves it as the next version),
 * see the versions, and download any of them as the text file to upload to Google Search Console.
 */
import { useState } from 'react';
import { apiJson } from '../../api/client.ts';
import type { DisavowVersion, GeneratedDisavow, Scope } from '../../api/types.ts';
import { useAction } from '../../api/useAction.ts';
import { useApi } from '../../api/useApi.ts';
import { DownloadLink } from '../../components/DownloadLink.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCount, formatTime } from '../../format.ts';

interface Props {
  target: string;
  scope: Scope;
  /** The threshold the toxic list uses, so the file holds what the list shows (null: the default). */
  minScore: number | null;
  /** Trusted domains the list uses; the disavow endpoint cannot take them yet (see the note shown). */
  trusted: readonly string[];
}

export function DisavowPanel({ target, scope, minScore, trusted }: Props) {
  const [level, setLevel] = useState<'domain' | 'url'>('domain');
  const [merge, setMerge] = useState('');
  const [generated, setGenerated] = useState<GeneratedDisavow | null>(null);
  const versions = useApi<{ data: DisavowVersion[] }>({ path: 'disavow/versions', query: { target } });
  const action = useAction();
  const list = versions.data?.data ?? [];

  return (
    <Panel title="Disavow file" testId="panel-disavow">
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void action.run(async () => {
            const body = {
              target,
              scope,
              level,
              ...(minScore === null ? {} : { minScore }),
              ...(merge.trim() === '' ? {} : { merge }),
              // The same trusted domains as the list above, so the file holds the links it shows.
              ...(trusted.length === 0 ? {} : { trusted: [...trusted] }),
            };
            const result = await apiJson<GeneratedDisavow>('disavow', { method: 'POST', body });
            setGenerated(result);
            versions.reload();
            return `Version ${result.version.version} saved: ${formatCount(result.version.entries)} entries (${formatCount(result.added)} from this run).`;
          });
        }}
      >
        <Field look="filter" label="Disavow">
          <select
            value={level}
            data-testid="disavow-level"
            onChange={(e) => setLevel(e.currentTarget.value as 'domain' | 'url')}
          >
            <option value="domain">Whole domains (domain:)</option>
            <option value="url">Linking pages (URLs)</option>
          </select>
        </Field>
        <button
          type="submit"
          className="button button-primary"
          disabled={action.busy}
          data-testid="disavow-generate"
        >
          {action.busy ? 'Generating…' : 'Generate new version'}
        </button>
      </form>
      <details className="details">
        <summary>Merge with an earlier file</summary>
        <textarea
          rows={4}
          value={merge}
          placeholder="Paste the disavow file you uploaded before: its lines and comments are kept."
          aria-label="Earlier disavow file"
          data-testid="disavow-merge"
          onChange={(e) => setMerge(e.currentTarget.value)}
        />
      </details>
      {trusted.length > 0 && (
        <p className="note">Generated with the trusted domains above: spam-mass reasons count.</p>
      )}
      <Notice notice={action.notice} error={action.error} testId="disavow" />
      {generated && (
        <pre className="file-preview" data-testid="disavow-preview">
          {generated.text}
        </pre>
      )}
      <ErrorBanner error={versions.error} onRetry={versions.reload} />
      {list.length === 0 ? (
        <EmptyState title="No disavow file yet" testId="disavow-versions-empty" />
      ) : (
        <table className="table table-compact" data-testid="disavow-versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Created (UTC)</th>
              <th scope="col" className="align-right">
                Entries
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.map((v) => (
              <tr key={v.version} data-testid="disavow-version-row">
                <td>v{v.version}</td>
                <td>{formatTime(v.createdAt)}</td>
                <td className="align-right">{formatCount(v.entries)}</td>
                <td className="align-right">
                  <DownloadLink
                    path="disavow/file"
                    query={{ target, version: String(v.version) }}
                    filename={`disavow-v${v.version}.txt`}
                    testId={`disavow-download-${v.version}`}
                  >
                    Download
                  </DownloadLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
