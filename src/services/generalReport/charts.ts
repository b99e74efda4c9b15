import * as vega from 'vega';
import * as vl from 'vega-lite';
import { Resvg } from '@resvg/resvg-js';

/**
 * Bar charts of the general report as PNG images, rendered on the server: a Vega-Lite spec compiled to Vega,
 * drawn to SVG by a headless View (renderer 'none', no canvas needed) and rasterized by resvg (a WebAssembly/
 * prebuilt binding that installs from npm, no download at install time). Text uses the system's fonts; a
 * machine without any still gets the bars and axes.
 */

export interface BarDatum {
  label: string;
  value: number;
}

export interface ChartImage {
  png: Buffer;
  /** Size in pixels of the PNG. */
  width: number;
  height: number;
}

const MAX_LABEL = 48;

function shorten(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

/** A horizontal bar chart (one bar per datum, in the given order), `width` CSS pixels wide, rendered at 2×. */
export async function barChartPng(data: readonly BarDatum[], opts: { axisTitle: string; width?: number; color?: string }): Promise<ChartImage> {
  const rows = data.map((d, i) => ({ label: shorten(d.label), value: d.value, order: i }));
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: opts.width ?? 420,
    height: { step: 22 },
    background: 'white',
    padding: 8,
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: { field: 'order', order: 'ascending' }, title: null, axis: { labelLimit: 320, labelFontSize: 11 } },
      x: { field: 'value', type: 'quantitative', title: opts.axisTitle, axis: { tickMinStep: 1, format: 'd', titleFontSize: 11 } },
    },
    layer: [
      { mark: { type: 'bar', color: opts.color ?? '#8E3A80' } },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { text: { field: 'value', type: 'quantitative', format: ',d' } } },
    ],
    config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', view: { stroke: null } },
  };
  // Vega-Lite's advisory warnings (layer sort unions) would go to the console: silenced.
  const view = new vega.View(vega.parse(vl.compile(spec, { logger: vega.logger(vega.None) }).spec), { renderer: 'none', logLevel: vega.None });
  try {
    const svg = await view.toSVG(2);
    const image = new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render();
    return { png: Buffer.from(image.asPng()), width: image.width, height: image.height };
  } finally {
    view.finalize();
  }
}
