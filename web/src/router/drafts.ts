/**
 * The forms that are applied on submit (competitor gap, what-if, the toxic review's controls): what the
 * user types is a draft of values kept in the route, written there by the submit.
 */
import { type ChangeEvent, useEffect, useState } from 'react';

export interface Drafts<T extends Record<string, string>> {
  values: T;
  /** The props that make a text input or textarea edit the draft `name`. */
  bind: (name: keyof T) => {
    value: string;
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  };
}

/**
 * Drafts of route values: each edited freely, all set back to the route's values whenever `key` changes
 * (by default: when one of the values does, after the form's own submit, a link, back or forward).
 */
export function useDrafts<T extends Record<string, string>>(
  route: T,
  key: string = JSON.stringify(route),
): Drafts<T> {
  const [values, setValues] = useState(route);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the route values
  useEffect(() => setValues(route), [key]);
  const bind = (name: keyof T) => ({
    value: values[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const value = event.currentTarget.value;
      setValues((previous) => ({ ...previous, [name]: value }));
    },
  });
  return { values, bind };
}

/**
 * The entries of a typed list of domains or URLs: one per line or comma-separated (neither can contain
 * white space or a comma), empty ones left out.
 */
export function entriesOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
