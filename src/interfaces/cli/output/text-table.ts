/**
 * Plain-text tables for people: columns sized to their content, flexible columns (URLs, anchors) sharing
 * whatever the terminal width leaves, text cut with an ellipsis (URLs in the middle, so both the host and
 * the end of the path stay visible), numbers right-aligned with thousands separators.
 *
 * Widths are display widths: East Asian wide characters take two cells, combining marks none, so anchors in
 * any script keep the columns aligned.
 */

export interface TableColumn<T> {
  header: string;
  cell: (row: T) => string;
  align?: 'left' | 'right';
  /** Share of the width left after the fixed columns; a column without it keeps its natural width. */
  flex?: number;
  /** Where to cut text that does not fit: `middle` for URLs, `end` (default) for prose. */
  clip?: 'end' | 'middle';
  /** A flexible column never shrinks below this (default 8) unless its content is narrower. */
  minWidth?: number;
  /**
   * Width this column should get before optional columns are shown (URLs: enough to read the host and
   * some path). While a column is below it, optional columns are hidden, lowest `optional` first.
   */
  comfortWidth?: number;
  /** May be hidden on a narrow terminal; lower numbers go first. */
  optional?: number;
}

const GAP = '  ';
const MIN_FLEX_WIDTH = 8;
const NUMBER = new Intl.NumberFormat('en-US');

/** `12,345` */
export const formatCount = (value: number): string => NUMBER.format(value);

/** `80.0%` */
export const formatShare = (share: number): string => `${(share * 100).toFixed(1)}%`;

/** The day of an ISO timestamp (`2024-03-12T08:14:51.000Z` -> `2024-03-12`); `''` for null. */
export const formatDay = (iso: string | null): string => (iso === null ? '' : iso.slice(0, 10));

/** One line of text: control characters and runs of white space (an anchor spanning lines) become one space. */
export function oneLine(text: string): string {
  return text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

function charWidth(codePoint: number): number {
  if (codePoint === 0x200b || codePoint === 0x200d || (codePoint >= 0x300 && codePoint <= 0x36f)) return 0;
  if (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf && codePoint !== 0x303f) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x1f900 && codePoint <= 0x1f9ff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  ) {
    return 2;
  }
  return /\p{M}/u.test(String.fromCodePoint(codePoint)) ? 0 : 1;
}

export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0)!);
  return width;
}

/** The longest start of `text` that fits in `width` cells. */
function head(text: string, width: number): string {
  let used = 0;
  let end = 0;
  for (const ch of text) {
    const w = charWidth(ch.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    end += ch.length;
  }
  return text.slice(0, end);
}

/** The longest end of `text` that fits in `width` cells. */
function tail(text: string, width: number): string {
  const chars = Array.from(text);
  let used = 0;
  let start = chars.length;
  while (start > 0) {
    const w = charWidth(chars[start - 1]!.codePointAt(0)!);
    if (used + w > width) break;
    used += w;
    start--;
  }
  return chars.slice(start).join('');
}

/** `text` cut to `width` cells with an ellipsis at the end or in the middle. */
export function clip(text: string, width: number, where: 'end' | 'middle' = 'end'): string {
  if (displayWidth(text) <= width) return text;
  if (width <= 1) return width === 1 ? '…' : '';
  if (where === 'end') return `${head(text, width - 1)}…`;
  // Favour the start: a URL's host says more than the end of its path.
  const left = Math.ceil((width - 1) * 0.6);
  return `${head(text, left)}…${tail(text, width - 1 - left)}`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Column widths: fixed columns get their natural width; flexible ones get theirs when everything fits,
 * else the rest of `width` shared by their `flex` weights (water-filling: a column that needs less than its
 * share gives the difference to the others).
 */
function columnWidths(
  natural: readonly number[],
  flex: readonly (number | undefined)[],
  min: readonly (number | undefined)[],
  width: number,
) {
  const widths = [...natural];
  const flexible = natural.map((_, i) => i).filter((i) => (flex[i] ?? 0) > 0);
  const fixed = natural.reduce((sum, w, i) => sum + ((flex[i] ?? 0) > 0 ? 0 : w), 0);
  const available = width - fixed - GAP.length * (natural.length - 1);
  const wanted = flexible.reduce((sum, i) => sum + natural[i]!, 0);
  if (wanted <= available) return widths;
  for (const i of flexible) widths[i] = Math.min(natural[i]!, min[i] ?? MIN_FLEX_WIDTH);
  let left = available - flexible.reduce((sum, i) => sum + widths[i]!, 0);
  let growing = flexible.filter((i) => widths[i]! < natural[i]!);
  while (left > 0 && growing.length > 0) {
    const weight = growing.reduce((sum, i) => sum + flex[i]!, 0);
    let given = 0;
    for (const i of growing) {
      const share = Math.max(1, Math.floor((left * flex[i]!) / weight));
      const add = Math.min(share, natural[i]! - widths[i]!, left - given);
      widths[i]! += add;
      given += add;
    }
    left -= given;
    growing = growing.filter((i) => widths[i]! < natural[i]!);
    if (given === 0) break;
  }
  return widths;
}

/**
 * A header line, a rule and one line per row, fitted to `width` cells (trailing spaces trimmed). Optional
 * columns that do not fit are left out, and a last line says which.
 */
export function renderTable<T>(
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  width: number,
): string[] {
  const allCells = rows.map((row) => columns.map((c) => oneLine(c.cell(row))));
  const allNatural = columns.map((c, i) =>
    Math.max(displayWidth(c.header), ...allCells.map((line) => displayWidth(line[i]!))),
  );
  let shown = columns.map((_, i) => i);
  let widths: number[];
  for (;;) {
    const natural = shown.map((i) => allNatural[i]!);
    widths = columnWidths(
      natural,
      shown.map((i) => columns[i]!.flex),
      shown.map((i) => columns[i]!.minWidth),
      width,
    );
    const total = widths.reduce((a, b) => a + b, 0) + GAP.length * (widths.length - 1);
    const cramped = shown.some((i, k) => {
      const comfort = columns[i]!.comfortWidth;
      return comfort !== undefined && widths[k]! < Math.min(natural[k]!, comfort);
    });
    if (!cramped && total <= width) break;
    const optional = shown.filter((i) => columns[i]!.optional !== undefined);
    if (optional.length === 0) break;
    const drop = optional.reduce((a, b) => (columns[b]!.optional! < columns[a]!.optional! ? b : a));
    shown = shown.filter((i) => i !== drop);
  }
  const line = (values: readonly string[]) =>
    shown
      .map((i, k) =>
        pad(clip(values[i]!, widths[k]!, columns[i]!.clip), widths[k]!, columns[i]!.align ?? 'left'),
      )
      .join(GAP)
      .trimEnd();
  const lines = [
    line(columns.map((c) => c.header)),
    widths.map((w) => '─'.repeat(w)).join(GAP),
    ...allCells.map(line),
  ];
  const hidden = columns.filter((_, i) => !shown.includes(i)).map((c) => c.header);
  if (hidden.length > 0) {
    lines.push(`(not shown for lack of width: ${hidden.join(', ')}; widen or use --format csv)`);
  }
  return lines;
}

/**
 * Blocks of lines side by side when they fit in `width`, else one under the other (each followed by an
 * empty line).
 */
export function sideBySide(blocks: readonly (readonly string[])[], width: number, gap = 4): string[] {
  const widths = blocks.map((b) => Math.max(0, ...b.map(displayWidth)));
  const total = widths.reduce((a, b) => a + b, 0) + gap * (blocks.length - 1);
  if (total > width) return blocks.flatMap((b, i) => (i === 0 ? [...b] : ['', ...b]));
  const height = Math.max(0, ...blocks.map((b) => b.length));
  const lines: string[] = [];
  for (let row = 0; row < height; row++) {
    lines.push(
      blocks
        .map((b, i) => pad(b[row] ?? '', widths[i]!, 'left'))
        .join(' '.repeat(gap))
        .trimEnd(),
    );
  }
  return lines;
}
