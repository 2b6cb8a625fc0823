/**
 * A one-line progress bar on stderr for long imports: share done, records, rate and ETA. Drawn only on a
 * terminal (piped output stays clean) and at most every 100 ms.
 */
export interface ProgressState {
  label: string;
  done: number;
  total: number | null;
  records: number;
}

export class ProgressLine {
  private readonly started = performance.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly always = false,
  ) {}

  get enabled(): boolean {
    return this.always || this.stream.isTTY === true;
  }

  update(state: ProgressState, force = false): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.drawn = true;
    this.stream.write(
      `\r${renderProgress(state, (now - this.started) / 1000, this.stream.columns ?? 80)}\x1b[K`,
    );
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}

/** The text of the line (pure, for tests). */
export function renderProgress(state: ProgressState, seconds: number, width: number): string {
  const rate = seconds > 0 ? state.records / seconds : 0;
  const share = state.total ? Math.min(1, state.done / state.total) : null;
  const eta = share !== null && share > 0 ? seconds / share - seconds : null;
  const parts = [
    `${state.records.toLocaleString('en-US')} records`,
    `${Math.round(rate).toLocaleString('en-US')}/s`,
    eta === null ? '' : `ETA ${formatSeconds(eta)}`,
  ].filter((p) => p !== '');
  const tail = `${share === null ? '' : `${(share * 100).toFixed(0).padStart(3)}% `}${parts.join('  ')}`;
  const barWidth = Math.max(10, Math.min(30, width - tail.length - state.label.length - 6));
  const filled = share === null ? 0 : Math.round(share * barWidth);
  const bar = share === null ? '' : `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] `;
  return `${state.label} ${bar}${tail}`.slice(0, Math.max(20, width - 1));
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
