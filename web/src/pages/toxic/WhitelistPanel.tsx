/**
 * The whitelist: reviewed links (a whole referring domain or one linking page) that toxic and disavow
 * leave out. Adding and removing is an admin action (POST /api/v1/whitelist).
 */
import { useState } from 'react';
import { apiJson } from '../../api/client.ts';
import type { Whitelist } from '../../api/types.ts';
import { useAction } from '../../api/useAction.ts';
import type { ApiState } from '../../api/useApi.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { ErrorBanner } from '../../components/ErrorBanner.tsx';
import { ExternalUrl } from '../../components/ExternalUrl.tsx';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatDay } from '../../format.ts';

interface Props {
  target: string;
  whitelist: ApiState<Whitelist>;
  /** Called after a change: the toxic report and the list reload. */
  onChanged: () => void;
}

/** `domain:x` for a bare domain; URLs and `domain:` entries as typed. */
export function whitelistEntry(text: string): string {
  const value = text.trim();
  if (value === '' || value.startsWith('domain:') || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value;
  return `domain:${value}`;
}

export async function changeWhitelist(
  target: string,
  change: { add?: string[]; remove?: string[]; note?: string },
): Promise<Whitelist> {
  return apiJson<Whitelist>('whitelist', { method: 'POST', body: { target, ...change } });
}

export function WhitelistPanel({ target, whitelist, onChanged }: Props) {
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  const rows = whitelist.data?.data ?? [];
  return (
    <Panel title="Whitelist" testId="panel-whitelist">
      <p className="note">Reviewed links stay out of the toxic list and every disavow file.</p>
      <form
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          const entry = whitelistEntry(value);
          if (entry === '') return;
          void action
            .run(async () => {
              await changeWhitelist(target, { add: [entry], note });
              return `${entry} whitelisted.`;
            })
            .then((ok) => {
              if (!ok) return;
              setValue('');
              setNote('');
              onChanged();
            });
        }}
      >
        <input
          type="text"
          value={value}
          placeholder="domain:example.com or https://example.com/page"
          aria-label="Domain or linking page URL to whitelist"
          data-testid="whitelist-input"
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <div className="form-row">
          <input
            type="text"
            value={note}
            placeholder="Note (why it is fine)"
            aria-label="Note"
            maxLength={1000}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <button type="submit" className="button" disabled={action.busy} data-testid="whitelist-add">
            Add
          </button>
        </div>
      </form>
      <Notice notice={action.notice} error={action.error} testId="whitelist" />
      <ErrorBanner error={whitelist.error} onRetry={whitelist.reload} />
      {rows.length === 0 ? (
        <EmptyState title="Nothing whitelisted yet" testId="whitelist-empty" />
      ) : (
        <table className="table table-compact" data-testid="whitelist-table">
          <thead>
            <tr>
              <th scope="col">Entry</th>
              <th scope="col">Note</th>
              <th scope="col" className="align-right">
                Added
              </th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value} data-testid="whitelist-row">
                <td>
                  {r.value.startsWith('domain:') ? <code>{r.value}</code> : <ExternalUrl url={r.value} />}
                </td>
                <td className="muted">{r.note}</td>
                <td className="align-right">{formatDay(r.at)}</td>
                <td className="align-right">
                  <button
                    type="button"
                    className="button button-small button-quiet"
                    disabled={action.busy}
                    onClick={() =>
                      void action
                        .run(async () => {
                          await changeWhitelist(target, { remove: [r.value] });
                          return `${r.value} removed from the whitelist.`;
                        })
                        .then((ok) => ok && onChanged())
                    }
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
