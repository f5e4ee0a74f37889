/*
 * A small hand-written SVG chart: a log-log line chart (cost against history size) and a 100 %
 * stacked bar panel (where the time goes). No dependency; the output is plain, self-contained SVG.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly points: readonly Point[];
  /** Drawn thicker, for the headline series. */
  readonly emphasis?: boolean;
}

export interface ShareBar {
  /** The x-axis label, e.g. "1,000". */
  readonly label: string;
  readonly parts: readonly { readonly label: string; readonly color: string; readonly value: number }[];
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const fixed = (value: number): string => (Math.round(value * 10) / 10).toString();

const text = (x: number, y: number, content: string, attributes = ''): string =>
  `<text x="${fixed(x)}" y="${fixed(y)}" ${attributes}>${escapeXml(content)}</text>`;

export const formatCount = (value: number): string => value.toLocaleString('en-US');

const formatMs = (ms: number): string => (ms >= 1000 ? `${formatCount(ms / 1000)} s` : `${formatCount(ms)} ms`);

const decades = (min: number, max: number): number[] => {
  const values: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent++) values.push(10 ** exponent);
  return values;
};

const logScale = (min: number, max: number, from: number, to: number) => (value: number): number =>
  from + ((Math.log10(value) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))) * (to - from);

/** Lines on log-log axes with decade grid lines, axis titles and a legend below the plot. */
export const logLogLines = (box: Box, title: string, xTitle: string, yTitle: string, series: readonly Series[], formatY: (value: number) => string = formatMs): string => {
  const points = series.flatMap((line) => line.points).filter((point) => point.x > 0 && point.y > 0);
  const xTicks = decades(Math.min(...points.map((p) => p.x)), Math.max(...points.map((p) => p.x)));
  const yTicks = decades(Math.min(...points.map((p) => p.y)), Math.max(...points.map((p) => p.y)));
  const plot = { left: box.x + 64, right: box.x + box.width - 28, top: box.y + 34, bottom: box.y + box.height - 110 };
  const xOf = logScale(xTicks[0] as number, xTicks[xTicks.length - 1] as number, plot.left, plot.right);
  const yOf = logScale(yTicks[0] as number, yTicks[yTicks.length - 1] as number, plot.bottom, plot.top);
  const parts: string[] = [text(box.x + box.width / 2, box.y + 18, title, 'text-anchor="middle" class="title"')];
  for (const tick of xTicks) {
    parts.push(`<line x1="${fixed(xOf(tick))}" y1="${plot.top}" x2="${fixed(xOf(tick))}" y2="${plot.bottom}" class="grid"/>`);
    parts.push(text(xOf(tick), plot.bottom + 16, formatCount(tick), 'text-anchor="middle"'));
  }
  for (const tick of yTicks) {
    parts.push(`<line x1="${plot.left}" y1="${fixed(yOf(tick))}" x2="${plot.right}" y2="${fixed(yOf(tick))}" class="grid"/>`);
    parts.push(text(plot.left - 6, yOf(tick) + 4, formatY(tick), 'text-anchor="end"'));
  }
  parts.push(`<rect x="${plot.left}" y="${plot.top}" width="${plot.right - plot.left}" height="${plot.bottom - plot.top}" class="frame"/>`);
  parts.push(text((plot.left + plot.right) / 2, plot.bottom + 34, xTitle, 'text-anchor="middle" class="axis"'));
  parts.push(text(box.x + 14, (plot.top + plot.bottom) / 2, yTitle, `text-anchor="middle" class="axis" transform="rotate(-90 ${box.x + 14} ${fixed((plot.top + plot.bottom) / 2)})"`));
  for (const line of series) {
    const visible = line.points.filter((point) => point.x > 0 && point.y > 0);
    const path = visible.map((point, i) => `${i === 0 ? 'M' : 'L'}${fixed(xOf(point.x))},${fixed(yOf(point.y))}`).join(' ');
    const width = line.emphasis ? 3.5 : 1.8;
    parts.push(`<path d="${path}" fill="none" stroke="${line.color}" stroke-width="${width}"/>`);
    for (const point of visible) {
      parts.push(`<circle cx="${fixed(xOf(point.x))}" cy="${fixed(yOf(point.y))}" r="${line.emphasis ? 4 : 2.8}" fill="${line.color}"/>`);
    }
  }
  const columns = 3;
  series.forEach((line, i) => {
    const x = box.x + 20 + (i % columns) * ((box.width - 20) / columns);
    const y = plot.bottom + 54 + Math.floor(i / columns) * 18;
    parts.push(`<line x1="${fixed(x)}" y1="${y - 4}" x2="${fixed(x + 18)}" y2="${y - 4}" stroke="${line.color}" stroke-width="${line.emphasis ? 3.5 : 2}"/>`);
    parts.push(text(x + 24, y, line.label));
  });
  return parts.join('\n');
};

/** One 100 % bar per x value, split into the parts' shares, with a legend below. */
export const shareBars = (box: Box, title: string, bars: readonly ShareBar[]): string => {
  const plot = { left: box.x + 44, right: box.x + box.width - 12, top: box.y + 34, bottom: box.y + box.height - 110 };
  const parts: string[] = [text(box.x + box.width / 2, box.y + 18, title, 'text-anchor="middle" class="title"')];
  for (const share of [0, 25, 50, 75, 100]) {
    const y = plot.bottom - (share / 100) * (plot.bottom - plot.top);
    parts.push(`<line x1="${plot.left}" y1="${fixed(y)}" x2="${plot.right}" y2="${fixed(y)}" class="grid"/>`);
    parts.push(text(plot.left - 6, y + 4, `${share} %`, 'text-anchor="end"'));
  }
  const slot = (plot.right - plot.left) / Math.max(1, bars.length);
  bars.forEach((bar, i) => {
    const total = bar.parts.reduce((sum, part) => sum + Math.max(0, part.value), 0);
    const x = plot.left + i * slot + slot * 0.2;
    let y = plot.bottom;
    for (const part of bar.parts) {
      const height = total > 0 ? (Math.max(0, part.value) / total) * (plot.bottom - plot.top) : 0;
      y -= height;
      parts.push(
        `<rect x="${fixed(x)}" y="${fixed(y)}" width="${fixed(slot * 0.6)}" height="${fixed(height)}" fill="${part.color}"><title>${escapeXml(`${part.label}: ${formatMs(part.value)}`)}</title></rect>`,
      );
    }
    parts.push(text(x + slot * 0.3, plot.bottom + 16, bar.label, 'text-anchor="middle"'));
  });
  parts.push(text((plot.left + plot.right) / 2, plot.bottom + 34, 'messages already in the blob', 'text-anchor="middle" class="axis"'));
  const legend = bars[0]?.parts ?? [];
  legend.forEach((part, i) => {
    const x = box.x + 20 + (i % 2) * ((box.width - 20) / 2);
    const y = plot.bottom + 54 + Math.floor(i / 2) * 18;
    parts.push(`<rect x="${fixed(x)}" y="${y - 10}" width="12" height="12" fill="${part.color}"/>`);
    parts.push(text(x + 18, y, part.label));
  });
  return parts.join('\n');
};

export const svgDocument = (width: number, height: number, title: string, body: string, footnote: string): string =>
  [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(title)}">`,
    '<style>text{font:12px sans-serif;fill:#222}.title{font-size:14px;font-weight:bold}.axis{font-size:12px;fill:#444}.note{font-size:11px;fill:#666}.grid{stroke:#e3e3e3;stroke-width:1}.frame{fill:none;stroke:#999}</style>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    body,
    text(12, height - 8, footnote, 'class="note"'),
    '</svg>',
    '',
  ].join('\n');
