/** Reading typed values from the route's parameters, with defaults for absent or malformed ones. */

export function boolParam(params: URLSearchParams, name: string): boolean {
  const v = params.get(name);
  return v === 'true' || v === '1';
}

export function intParam(
  params: URLSearchParams,
  name: string,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const v = params.get(name);
  if (v === null || !/^\d{1,16}$/.test(v)) return fallback;
  return Math.min(Number(v), max);
}

export function oneOfParam<const T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const v = params.get(name);
  return v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** `a,b` or repeated: the non-empty parts. */
export function listParam(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A boolean as it goes back into the hash: present when true, absent when false. */
export const flagValue = (on: boolean): string | null => (on ? 'true' : null);
