/**
 * Asks for the API token when the server answered 401 (no or unknown token) or 403 (a read token on an
 * admin action). The token stays in this tab's sessionStorage (api/auth.ts) and goes with every request.
 */
import { useId, useState } from 'react';
import { dismissTokenPrompt, setToken, type TokenPromptReason, useAuth } from '../api/auth.ts';

const WHY: Record<TokenPromptReason, string> = {
  missing: 'This linkledger server needs an API token.',
  rejected: 'The server did not accept that token.',
  forbidden: 'That action needs an admin token.',
};

export function TokenPrompt() {
  const { prompt } = useAuth();
  const [value, setValue] = useState('');
  const inputId = useId();
  if (prompt === null) return null;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${inputId}-title`}
        data-testid="token-prompt"
        onSubmit={(event) => {
          event.preventDefault();
          if (value.trim() === '') return;
          setToken(value);
          setValue('');
        }}
      >
        <h2 id={`${inputId}-title`} className="modal-title">
          API token
        </h2>
        <p className="modal-text" data-testid="token-reason">
          {WHY[prompt]} Ask whoever runs <code>linkledger serve</code> for a <code>read</code> or{' '}
          <code>admin</code> token from its token file. It is kept for this browser tab only.
        </p>
        <label className="field" htmlFor={inputId}>
          <span className="field-label">Token</span>
          <input
            id={inputId}
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={value}
            // biome-ignore lint/a11y/noAutofocus: the dialog exists to take this one input
            autoFocus
            data-testid="token-input"
            onChange={(e) => setValue(e.currentTarget.value)}
          />
        </label>
        <div className="modal-actions">
          <button type="button" className="button" data-testid="token-cancel" onClick={dismissTokenPrompt}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" data-testid="token-submit">
            Use token
          </button>
        </div>
      </form>
    </div>
  );
}
