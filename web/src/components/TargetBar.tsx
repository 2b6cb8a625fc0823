/**
 * The header's target: a domain, host, URL or URL prefix and what it names (scope). Submitting puts it in
 * the route, so every page follows; paging restarts at the first row.
 */
import { useEffect, useState } from 'react';
import { SCOPES, type Scope } from '../api/types.ts';
import { updateParams } from '../router/hash.ts';
import type { TargetState } from '../target.ts';

const SCOPE_LABELS: Record<Scope, string> = {
  domain: 'Domain (all subdomains)',
  host: 'Host (exact)',
  prefix: 'Prefix (URLs starting with)',
  url: 'Exact URL',
};

export function TargetBar({ current }: { current: TargetState }) {
  const [text, setText] = useState(current.target ?? '');
  const [scope, setScope] = useState<Scope>(current.scope);
  // Follow the route when it changes elsewhere (back button, a link, the suggested default).
  useEffect(() => {
    setText(current.target ?? '');
    setScope(current.scope);
  }, [current.target, current.scope]);

  return (
    <form
      className="target-bar"
      aria-label="Target"
      onSubmit={(event) => {
        event.preventDefault();
        const target = text.trim();
        if (target === '') return;
        updateParams({ target, scope, offset: null });
      }}
    >
      <input
        className="target-input"
        type="text"
        value={text}
        placeholder="example.com, blog.example.com, https://example.com/page"
        aria-label="Target: domain, host, URL or URL prefix"
        spellCheck={false}
        autoCapitalize="off"
        data-testid="target-input"
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <select
        className="target-scope"
        value={scope}
        aria-label="Scope"
        data-testid="scope-select"
        onChange={(e) => setScope(e.currentTarget.value as Scope)}
      >
        {SCOPES.map((s) => (
          <option key={s} value={s}>
            {SCOPE_LABELS[s]}
          </option>
        ))}
      </select>
      <button type="submit" className="button button-primary" data-testid="target-submit">
        Explore
      </button>
    </form>
  );
}
