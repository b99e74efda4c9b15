import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';

/**
 * Draws the two Teams app icons programmatically, so they can be regenerated and reviewed as code:
 *
 * - manifest/color.png (192×192): solid INE-like magenta background with a white motif — three
 *   interlaced rings, the women of the network who accompany one another.
 * - manifest/outline.png (32×32): the same motif in pure white on a fully transparent background. Every
 *   pixel is either fully transparent or opaque white (no anti-aliasing), as Teams requires.
 *
 * Usage: `npx tsx scripts/make-icons.ts` (writes both files; commit them). The test in
 * test/manifest/manifest.test.ts checks that the committed PNGs equal what this script draws.
 */

/** Background of the color icon; also the manifest's accentColor. */
export const ACCENT_COLOR = '#B0006D';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COLOR_ICON_PATH = path.join(projectRoot, 'manifest', 'color.png');
export const OUTLINE_ICON_PATH = path.join(projectRoot, 'manifest', 'outline.png');

interface Point {
  x: number;
  y: number;
}

/** Geometry of the motif in a unit square (0..1), scaled to each icon size. */
interface Motif {
  /** Distance from the icon's centre to each ring's centre. */
  spread: number;
  ringRadius: number;
  strokeWidth: number;
}

// Fits the 120×120 central safe area Teams recommends for full-bleed colour icons.
const COLOR_MOTIF: Motif = { spread: 0.12, ringRadius: 0.18, strokeWidth: 0.045 };
// The outline icon is tiny: a thicker stroke keeps it legible at 32 px.
const OUTLINE_MOTIF: Motif = { spread: 0.17, ringRadius: 0.25, strokeWidth: 0.08 };

/** Ring centres: top, lower right, lower left, shifted down so the motif is vertically centred. */
function ringCentres(m: Motif): Point[] {
  const cy = 0.5 + m.spread / 4; // top reaches cy - spread, bottom cy + spread/2: centre the extent
  return [-90, 30, 150].map((deg) => {
    const a = (deg * Math.PI) / 180;
    return { x: 0.5 + m.spread * Math.cos(a), y: cy + m.spread * Math.sin(a) };
  });
}

/** Whether a point of the unit square is covered by the white motif. */
function inMotif(p: Point, m: Motif, centres: readonly Point[]): boolean {
  return centres.some((c) => Math.abs(Math.hypot(p.x - c.x, p.y - c.y) - m.ringRadius) <= m.strokeWidth / 2);
}

/** Fraction (0..1) of a pixel covered by the motif, by supersampling. */
function coverage(px: number, py: number, size: number, m: Motif, centres: readonly Point[], samples: number): number {
  let hit = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const p = { x: (px + (sx + 0.5) / samples) / size, y: (py + (sy + 0.5) / samples) / size };
      if (inMotif(p, m, centres)) hit++;
    }
  }
  return hit / (samples * samples);
}

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

/** 192×192, opaque: magenta background, anti-aliased white motif. */
export function drawColorIcon(size = 192): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const [br, bg, bb] = hexToRgb(ACCENT_COLOR);
  const centres = ringCentres(COLOR_MOTIF);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, size, COLOR_MOTIF, centres, 4);
      const i = (y * size + x) * 4;
      png.data[i] = Math.round(br + (255 - br) * c);
      png.data[i + 1] = Math.round(bg + (255 - bg) * c);
      png.data[i + 2] = Math.round(bb + (255 - bb) * c);
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32×32: opaque white where the motif covers at least half the pixel, fully transparent elsewhere. */
export function drawOutlineIcon(size = 32): PNG {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const centres = ringCentres(OUTLINE_MOTIF);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = coverage(x, y, size, OUTLINE_MOTIF, centres, 4) >= 0.5;
      const i = (y * size + x) * 4;
      // Transparent pixels are white too (alpha 0), so no tool can read a colour into them.
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return png;
}

export function writeIcons(colorPath = COLOR_ICON_PATH, outlinePath = OUTLINE_ICON_PATH): void {
  for (const [file, png] of [
    [colorPath, drawColorIcon()],
    [outlinePath, drawOutlineIcon()],
  ] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, PNG.sync.write(png, { colorType: 6 }));
    console.log(`Ícono generado: ${path.relative(process.cwd(), file)} (${png.width}×${png.height})`);
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) writeIcons();
