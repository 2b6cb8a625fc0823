/** A titled card: the unit every page is built from. */
import type { ReactNode } from 'react';

interface Props {
  title?: ReactNode;
  /** Controls shown at the right of the title (exports, toggles). */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  testId?: string;
}

export function Panel({ title, actions, children, className, testId }: Props) {
  return (
    <section className={`panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      {(title !== undefined || actions !== undefined) && (
        <header className="panel-head">
          {title !== undefined && <h2 className="panel-title">{title}</h2>}
          {actions !== undefined && <div className="panel-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
