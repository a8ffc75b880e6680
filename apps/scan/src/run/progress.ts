/**
 * A terminal progress bar with rate and ETA, on stderr. On a terminal it redraws one line; when
 * stderr is not a terminal (a batch job's log) it prints a line at every 10%.
 *
 * @packageDocumentation
 */

/** Formats seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--:--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** What the bar writes to (process.stderr in the CLI). */
export interface ProgressSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A progress bar for `total` items, `already` of which were done before (resume). */
export class ProgressBar {
  private readonly start = performance.now();
  private done: number;
  private lastDraw = 0;
  private lastDecile: number;
  constructor(
    private readonly total: number,
    private readonly already: number,
    private readonly sink: ProgressSink | null,
    private readonly label: string,
  ) {
    this.done = already;
    this.lastDecile = Math.floor((10 * already) / Math.max(total, 1));
  }

  /** The line the bar shows now. */
  line(): string {
    const elapsed = (performance.now() - this.start) / 1000;
    const fresh = this.done - this.already;
    const rate = elapsed > 0 ? fresh / elapsed : 0;
    const eta = rate > 0 ? (this.total - this.done) / rate : Number.NaN;
    const frac = this.total > 0 ? this.done / this.total : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
    return (
      `${this.label} [${bar}] ${this.done}/${this.total} ${(100 * frac).toFixed(0).padStart(3)}% ` +
      `${rate.toFixed(1)} points/s, elapsed ${formatDuration(elapsed)}, ETA ${formatDuration(eta)}`
    );
  }

  /** Adds `n` finished items and redraws (at most 10 times a second on a terminal). */
  tick(n: number): void {
    this.done += n;
    if (this.sink === null) return;
    if (this.sink.isTTY) {
      const now = performance.now();
      if (now - this.lastDraw < 100 && this.done < this.total) return;
      this.lastDraw = now;
      this.sink.write(`\r${this.line()}`);
    } else {
      const decile = Math.floor((10 * this.done) / Math.max(this.total, 1));
      if (decile > this.lastDecile) {
        this.lastDecile = decile;
        this.sink.write(`${this.line()}\n`);
      }
    }
  }

  /** Ends the bar's line. */
  finish(): void {
    if (this.sink?.isTTY) this.sink.write(`\r${this.line()}\n`);
  }
}
