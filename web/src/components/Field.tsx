/**
 * Labelled form controls. A `Field` is one `<label>` around its text and its control, so a click on the
 * text focuses the control: `field` is the look of forms (text above a wide control), `filter` the compact
 * look of the filter bars. A `Check` is a checkbox with its text after it.
 */
import type { ReactNode } from 'react';

interface FieldProps {
  label: ReactNode;
  look?: 'field' | 'filter';
  /** More classes: `field-full`, `field-grow`, `filter-wide`. */
  className?: string;
  /** Tooltip of the whole field. */
  title?: string;
  /** Tooltip of the label text only. */
  labelTitle?: string;
  children: ReactNode;
}

export function Field({ label, look = 'field', className, title, labelTitle, children }: FieldProps) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is `children`, inside the label
    <label className={className ? `${look} ${className}` : look} title={title}>
      <span className={`${look}-label`} title={labelTitle}>
        {label}
      </span>
      {children}
    </label>
  );
}

interface CheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
  title?: string;
  children: ReactNode;
}

export function Check({ checked, onChange, testId, title, children }: CheckProps) {
  return (
    <label className="filter filter-check" title={title}>
      <input
        type="checkbox"
        checked={checked}
        data-testid={testId}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      {children}
    </label>
  );
}
