/**
 * A small SVG plotting layer for the scan's figures (in the style of HEP publications: a framed
 * plot, ticks inside on all four sides, axis labels at the ends of the axes, linear or log axes,
 * lines, step histograms, points with error bars, filled bands, a legend).
 *
 * @packageDocumentation
 */

/** An axis: range, scale and label. */
export interface Axis {
  readonly min: number;
  readonly max: number;
  readonly log?: boolean;
  readonly label: string;
}

/** Stroke style of a line. */
export interface LineStyle {
  readonly color: string;
  readonly width?: number;
  readonly dash?: string;
}

/** A legend entry: a line, a filled box or a marker. */
export type LegendEntry =
  | { readonly kind: "line"; readonly label: string; readonly style: LineStyle }
  | { readonly kind: "box"; readonly label: string; readonly fill: string }
  | { readonly kind: "marker"; readonly label: string; readonly color: string };

/** Escapes text for SVG. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** "Nice" linear ticks (1, 2, 5 × 10^k steps) covering [min, max]. */
export function linearTicks(min: number, max: number, target = 6): number[] {
  const span = max - min;
  if (!(span > 0)) return [min];
  const raw = span / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => span / s <= target) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step - 1e-9) * step; t <= max + 1e-9 * step; t += step) {
    ticks.push(Math.abs(t) < 1e-12 * step ? 0 : t);
  }
  return ticks;
}

/** Formats a tick label compactly. */
export function formatTick(v: number, log: boolean): string {
  if (v === 0) return "0";
  if (log) {
    const e = Math.round(Math.log10(v));
    if (Math.abs(v - 10 ** e) < 1e-9 * v) {
      if (e >= -2 && e <= 3) return String(10 ** e >= 1 ? 10 ** e : Number((10 ** e).toPrecision(1)));
      return `1e${e}`;
    }
  }
  const s = Number(v.toPrecision(6)).toString();
  return s;
}

const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** One figure with one plot area. */
export class Plot {
  private readonly body: string[] = [];
  private readonly legendEntries: LegendEntry[] = [];
  readonly width: number;
  readonly height: number;
  private readonly margin = { left: 82, right: 24, top: 36, bottom: 62 };
  private readonly x: Axis;
  private readonly y: Axis;
  private readonly title: string;
  private readonly notes: string[] = [];

  constructor(options: { x: Axis; y: Axis; title?: string; width?: number; height?: number }) {
    this.x = options.x;
    this.y = options.y;
    this.title = options.title ?? "";
    this.width = options.width ?? 760;
    this.height = options.height ?? 520;
  }

  private get plotW(): number {
    return this.width - this.margin.left - this.margin.right;
  }
  private get plotH(): number {
    return this.height - this.margin.top - this.margin.bottom;
  }

  /** Maps a data x to the SVG coordinate (NaN outside a log axis' domain). */
  px(v: number): number {
    const { min, max, log } = this.x;
    const f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
    return this.margin.left + f * this.plotW;
  }
  /** Maps a data y to the SVG coordinate. */
  py(v: number): number {
    const { min, max, log } = this.y;
    const f = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min)) : (v - min) / (max - min);
    return this.margin.top + (1 - f) * this.plotH;
  }

  private clampY(v: number): number {
    const top = this.margin.top - 2;
    const bottom = this.margin.top + this.plotH + 2;
    return Math.min(bottom, Math.max(top, v));
  }

  /** Polyline path through the finite points; breaks at non-finite values. */
  private path(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
    let d = "";
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const X = this.px(xs[i]!);
      const Y = this.py(ys[i]!);
      if (!Number.isFinite(X) || !Number.isFinite(Y)) {
        pen = false;
        continue;
      }
      d += `${pen ? "L" : "M"}${X.toFixed(2)},${this.clampY(Y).toFixed(2)}`;
      pen = true;
    }
    return d;
  }

  private stroke(style: LineStyle): string {
    return `fill="none" stroke="${style.color}" stroke-width="${style.width ?? 1.5}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}`;
  }

  /** A line through (xs, ys). */
  line(xs: ArrayLike<number>, ys: ArrayLike<number>, style: LineStyle, legend?: string): this {
    this.body.push(`<path d="${this.path(xs, ys)}" ${this.stroke(style)} stroke-linejoin="round"/>`);
    if (legend) this.legendEntries.push({ kind: "line", label: legend, style });
    return this;
  }

  /** A filled band between lo and hi; breaks at non-finite values. */
  band(xs: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, fill: string, legend?: string): this {
    let seg: number[] = [];
    const flush = (): void => {
      if (seg.length < 2) {
        seg = [];
        return;
      }
      const up = seg.map((i) => `${this.px(xs[i]!).toFixed(2)},${this.clampY(this.py(hi[i]!)).toFixed(2)}`);
      const down = seg
        .slice()
        .reverse()
        .map((i) => `${this.px(xs[i]!).toFixed(2)},${this.clampY(this.py(lo[i]!)).toFixed(2)}`);
      this.body.push(`<path d="M${up.join("L")}L${down.join("L")}Z" fill="${fill}" stroke="none"/>`);
      seg = [];
    };
    for (let i = 0; i < xs.length; i++) {
      const ok = [this.px(xs[i]!), this.py(lo[i]!), this.py(hi[i]!)].every(Number.isFinite);
      if (ok) seg.push(i);
      else flush();
    }
    flush();
    if (legend) this.legendEntries.push({ kind: "box", label: legend, fill });
    return this;
  }

  /** A step histogram with bin edges (length n + 1) and contents (length n). */
  steps(
    edges: ArrayLike<number>,
    counts: ArrayLike<number>,
    style: LineStyle & { fill?: string },
    legend?: string,
  ): this {
    const bottom = this.y.log ? this.y.min : Math.max(this.y.min, 0);
    let d = `M${this.px(edges[0]!).toFixed(2)},${this.py(bottom).toFixed(2)}`;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      const Y = this.clampY(this.py(this.y.log && c <= 0 ? bottom : c));
      d += `L${this.px(edges[i]!).toFixed(2)},${Y.toFixed(2)}L${this.px(edges[i + 1]!).toFixed(2)},${Y.toFixed(2)}`;
    }
    d += `L${this.px(edges[edges.length - 1]!).toFixed(2)},${this.py(bottom).toFixed(2)}`;
    const fill = style.fill ?? "none";
    this.body.push(`<path d="${d}" fill="${fill}" stroke="${style.color}" stroke-width="${style.width ?? 1}"/>`);
    if (legend) {
      this.legendEntries.push(
        style.fill ? { kind: "box", label: legend, fill: style.fill } : { kind: "line", label: legend, style },
      );
    }
    return this;
  }

  /**
   * Stacked step histograms: layer k is filled between the sums of layers 0…k−1 and 0…k, so the
   * first layer lies at the bottom; each gets a legend box (in the given order) if it has a label.
   * Non-finite or negative contents count as 0; on a log axis a stack starts at the axis minimum.
   * @param edges - bin edges (length n + 1)
   * @param layers - contents (length n), fill and outline colour of each layer, bottom first
   */
  stack(
    edges: ArrayLike<number>,
    layers: readonly {
      readonly counts: ArrayLike<number>;
      readonly fill: string;
      readonly color?: string;
      readonly label?: string;
    }[],
  ): this {
    const n = edges.length - 1;
    const floor = this.y.log ? this.y.min : Math.max(this.y.min, 0);
    const level = (v: number): string => this.clampY(this.py(this.y.log && v <= floor ? floor : v)).toFixed(2);
    let below = new Float64Array(n);
    for (const layer of layers) {
      const above = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const c = layer.counts[i]!;
        above[i] = below[i]! + (Number.isFinite(c) && c > 0 ? c : 0);
      }
      const X = (i: number): string => this.px(edges[i]!).toFixed(2);
      // upper outline left to right, lower outline right to left
      let top = "";
      let bottom = "";
      for (let i = 0; i < n; i++) {
        top += `${i === 0 ? "M" : "L"}${X(i)},${level(above[i]!)}L${X(i + 1)},${level(above[i]!)}`;
        const j = n - 1 - i;
        bottom += `L${X(j + 1)},${level(below[j]!)}L${X(j)},${level(below[j]!)}`;
      }
      if (n > 0) {
        this.body.push(`<path d="${top}${bottom}Z" fill="${layer.fill}" stroke="none"/>`);
        this.body.push(`<path d="${top}" fill="none" stroke="${layer.color ?? layer.fill}" stroke-width="1"/>`);
      }
      if (layer.label) this.legendEntries.push({ kind: "box", label: layer.label, fill: layer.fill });
      below = above;
    }
    return this;
  }

  /** Points with vertical error bars (data). */
  points(
    xs: ArrayLike<number>,
    ys: ArrayLike<number>,
    errLow: ArrayLike<number>,
    errHigh: ArrayLike<number>,
    color: string,
    legend?: string,
  ): this {
    const parts: string[] = [];
    for (let i = 0; i < xs.length; i++) {
      const X = this.px(xs[i]!);
      const Y = this.py(ys[i]!);
      if (!Number.isFinite(X) || !Number.isFinite(Y)) continue;
      const y1 = this.clampY(this.py(ys[i]! - errLow[i]!));
      const y2 = this.clampY(this.py(ys[i]! + errHigh[i]!));
      parts.push(`M${X.toFixed(2)},${y1.toFixed(2)}V${y2.toFixed(2)}`);
      parts.push(`M${(X - 2.2).toFixed(2)},${Y.toFixed(2)}a2.2,2.2 0 1,0 4.4,0a2.2,2.2 0 1,0 -4.4,0`);
    }
    this.body.push(`<path d="${parts.join("")}" fill="${color}" stroke="${color}" stroke-width="1"/>`);
    if (legend) this.legendEntries.push({ kind: "marker", label: legend, color });
    return this;
  }

  /** A horizontal line across the plot at y. */
  hline(y: number, style: LineStyle, label?: string): this {
    const Y = this.py(y);
    if (!Number.isFinite(Y)) return this;
    this.body.push(
      `<line x1="${this.margin.left}" x2="${this.margin.left + this.plotW}" y1="${Y.toFixed(2)}" y2="${Y.toFixed(2)}" ${this.stroke(style)}/>`,
    );
    if (label) {
      this.body.push(
        `<text x="${(this.margin.left + this.plotW - 4).toFixed(1)}" y="${(Y - 4).toFixed(1)}" font-size="12" text-anchor="end" fill="${style.color}" font-family="${FONT}">${escapeXml(label)}</text>`,
      );
    }
    return this;
  }

  /** A vertical shaded interval (e.g. a veto) from x1 to x2. */
  vspan(x1: number, x2: number, fill: string, legend?: string): this {
    const X1 = Math.max(this.margin.left, this.px(x1));
    const X2 = Math.min(this.margin.left + this.plotW, this.px(x2));
    if (X2 > X1) {
      this.body.push(
        `<rect x="${X1.toFixed(2)}" y="${this.margin.top}" width="${(X2 - X1).toFixed(2)}" height="${this.plotH}" fill="${fill}"/>`,
      );
    }
    if (legend) this.legendEntries.push({ kind: "box", label: legend, fill });
    return this;
  }

  /** A line of text in the top-left corner inside the frame (experiment label, luminosity). */
  note(text: string): this {
    this.notes.push(text);
    return this;
  }

  private axisTicks(axis: Axis): { major: number[]; minor: number[] } {
    if (!axis.log) {
      const major = linearTicks(axis.min, axis.max);
      const step = major.length > 1 ? major[1]! - major[0]! : 0;
      const minor: number[] = [];
      if (step > 0) {
        for (let t = major[0]! - step; t <= axis.max; t += step / 5) if (t >= axis.min) minor.push(t);
      }
      return { major, minor };
    }
    const major: number[] = [];
    const minor: number[] = [];
    for (let e = Math.floor(Math.log10(axis.min)); e <= Math.ceil(Math.log10(axis.max)); e++) {
      for (let k = 1; k < 10; k++) {
        const v = k * 10 ** e;
        if (v < axis.min * (1 - 1e-9) || v > axis.max * (1 + 1e-9)) continue;
        (k === 1 ? major : minor).push(v);
      }
    }
    // Few decades: label 2 and 5 too.
    if (major.length < 2) for (const v of minor) if (/^[25]/.test(v.toPrecision(1))) major.push(v);
    return { major, minor };
  }

  /** The complete SVG document. */
  toSvg(): string {
    const L = this.margin.left;
    const T = this.margin.top;
    const W = this.plotW;
    const H = this.plotH;
    const out: string[] = [];
    out.push(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${this.width}" height="${this.height}" viewBox="0 0 ${this.width} ${this.height}">`,
    );
    out.push(`<rect width="100%" height="100%" fill="white"/>`);
    out.push(`<defs><clipPath id="area"><rect x="${L}" y="${T}" width="${W}" height="${H}"/></clipPath></defs>`);
    out.push(`<g clip-path="url(#area)">${this.body.join("")}</g>`);
    // Frame and ticks (inside, all four sides).
    const ticks: string[] = [];
    const labels: string[] = [];
    const xt = this.axisTicks(this.x);
    const yt = this.axisTicks(this.y);
    for (const [list, len] of [
      [xt.major, 9],
      [xt.minor, 5],
    ] as const) {
      for (const v of list) {
        const X = this.px(v);
        if (!(X >= L - 0.5 && X <= L + W + 0.5)) continue;
        ticks.push(`M${X.toFixed(2)},${T + H}v${-len}M${X.toFixed(2)},${T}v${len}`);
      }
    }
    for (const [list, len] of [
      [yt.major, 9],
      [yt.minor, 5],
    ] as const) {
      for (const v of list) {
        const Y = this.py(v);
        if (!(Y >= T - 0.5 && Y <= T + H + 0.5)) continue;
        ticks.push(`M${L},${Y.toFixed(2)}h${len}M${L + W},${Y.toFixed(2)}h${-len}`);
      }
    }
    for (const v of xt.major) {
      const X = this.px(v);
      if (!(X >= L - 0.5 && X <= L + W + 0.5)) continue;
      labels.push(
        `<text x="${X.toFixed(2)}" y="${T + H + 20}" font-size="14" text-anchor="middle">${escapeXml(formatTick(v, !!this.x.log))}</text>`,
      );
    }
    for (const v of yt.major) {
      const Y = this.py(v);
      if (!(Y >= T - 0.5 && Y <= T + H + 0.5)) continue;
      labels.push(
        `<text x="${L - 8}" y="${(Y + 5).toFixed(2)}" font-size="14" text-anchor="end">${escapeXml(formatTick(v, !!this.y.log))}</text>`,
      );
    }
    out.push(`<path d="${ticks.join("")}" stroke="black" stroke-width="1"/>`);
    out.push(`<rect x="${L}" y="${T}" width="${W}" height="${H}" fill="none" stroke="black" stroke-width="1.2"/>`);
    out.push(`<g font-family="${FONT}" fill="black">${labels.join("")}`);
    out.push(`<text x="${L + W}" y="${T + H + 46}" font-size="16" text-anchor="end">${escapeXml(this.x.label)}</text>`);
    out.push(
      `<text transform="translate(${18},${T}) rotate(-90)" font-size="16" text-anchor="end">${escapeXml(this.y.label)}</text>`,
    );
    if (this.title) {
      out.push(`<text x="${L}" y="${T - 12}" font-size="15" font-weight="bold">${escapeXml(this.title)}</text>`);
    }
    this.notes.forEach((n, i) => {
      out.push(`<text x="${L + 12}" y="${T + 22 + 18 * i}" font-size="14">${escapeXml(n)}</text>`);
    });
    // Legend, top right inside the frame; below the notes if they would overlap (text widths
    // estimated at 0.55 em per character).
    const labelWidth = Math.max(0, ...this.legendEntries.map((e) => e.label.length)) * 7.2;
    const lx = L + W - 50 - labelWidth;
    const notesRight = L + 12 + Math.max(0, ...this.notes.map((n) => n.length)) * 7.7;
    const ly = notesRight > lx - 10 ? T + 26 + 18 * this.notes.length : T + 18;
    this.legendEntries.forEach((e, i) => {
      const y = ly + 20 * i;
      if (e.kind === "line") {
        out.push(`<line x1="${lx}" x2="${lx + 30}" y1="${y - 5}" y2="${y - 5}" ${this.stroke(e.style)}/>`);
      } else if (e.kind === "box") {
        out.push(`<rect x="${lx}" y="${y - 12}" width="30" height="12" fill="${e.fill}" stroke="none"/>`);
      } else {
        out.push(`<circle cx="${lx + 15}" cy="${y - 5}" r="3" fill="${e.color}"/>`);
      }
      out.push(`<text x="${lx + 38}" y="${y}" font-size="13">${escapeXml(e.label)}</text>`);
    });
    out.push("</g></svg>");
    return out.join("\n");
  }
}
