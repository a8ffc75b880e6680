/**
 * SVG → PNG with resvg. Text needs a font: the DejaVu Sans TrueType file shipped by the
 * `dejavu-fonts-ttf` npm package is used, so PNGs look the same on every machine; if that file
 * cannot be found, resvg falls back to the system fonts, and if there are none the PNG is rendered
 * without text and the caller is told so (the SVG, which names its fonts, is always complete).
 *
 * @packageDocumentation
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Resvg } from "@resvg/resvg-js";

/** The DejaVu Sans file of the `dejavu-fonts-ttf` package, or null. */
export function bundledFont(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = dirname(require.resolve("dejavu-fonts-ttf/package.json"));
    const file = join(dir, "ttf", "DejaVuSans.ttf");
    return existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** The result of a rendering. */
export interface PngResult {
  readonly png: Buffer;
  /** Where the text font came from. */
  readonly font: "bundled" | "system";
}

/**
 * Renders an SVG document to PNG at `scale` times its size.
 * @param svg - the SVG text
 * @param scale - zoom factor (2 gives print resolution for the 760 × 520 figures)
 */
export function renderPng(svg: string, scale = 2): PngResult {
  const font = bundledFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: {
      loadSystemFonts: font === null,
      ...(font === null ? {} : { fontFiles: [font] }),
      defaultFontFamily: "DejaVu Sans",
      sansSerifFamily: "DejaVu Sans",
    },
  });
  return { png: resvg.render().asPng(), font: font === null ? "system" : "bundled" };
}
