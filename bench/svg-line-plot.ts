export interface PlotSeries {
  name: string;
  /** Points as [x, y]; x must be positive, because the x axis is logarithmic. */
  points: [number, number][];
}

const WIDTH = 640;
const HEIGHT = 360;
const MARGIN = { left: 64, right: 150, top: 36, bottom: 48 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

/**
 * Draws series as lines on a logarithmic x axis and a linear y axis from 0, with a legend, as a
 * standalone SVG document. Horizontal dashed lines mark goals when given.
 */
export function drawLinePlot(params: {
  title: string;
  xLabel: string;
  yLabel: string;
  series: PlotSeries[];
  goals?: { label: string; y: number }[];
}): string {
  const points = params.series.flatMap((series) => series.points);
  const xs = points.map(([x]) => Math.log10(x));
  const [minX, maxX] = [Math.min(...xs), Math.max(...xs)];
  const maxY = niceCeiling(
    Math.max(...points.map(([, y]) => y), ...(params.goals ?? []).map((goal) => goal.y)),
  );
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const toX = (x: number) =>
    MARGIN.left +
    (maxX === minX ? plotWidth / 2 : ((Math.log10(x) - minX) / (maxX - minX)) * plotWidth);
  const toY = (y: number) => MARGIN.top + plotHeight - (y / maxY) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(params.title)}</text>`,
  ];
  for (let tick = 0; tick <= 4; tick++) {
    const y = (maxY * tick) / 4;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${toY(y)}" y2="${toY(y)}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${toY(y) + 4}" text-anchor="end">${formatTick(y)}</text>`,
    );
  }
  for (const x of [...new Set(points.map(([x]) => x))]) {
    parts.push(
      `<text x="${toX(x)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${x.toLocaleString('en-US')}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${MARGIN.top + plotHeight}" y2="${MARGIN.top + plotHeight}" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeXml(params.xLabel)}</text>`,
    `<text transform="translate(16 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(params.yLabel)}</text>`,
  );
  for (const goal of params.goals ?? []) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${toY(goal.y)}" y2="${toY(goal.y)}" stroke="#888" stroke-dasharray="4 4"/>`,
      `<text x="${MARGIN.left + plotWidth - 4}" y="${toY(goal.y) - 4}" text-anchor="end" fill="#666">${escapeXml(goal.label)}</text>`,
    );
  }
  params.series.forEach((series, index) => {
    const color = COLORS[index % COLORS.length]!;
    const path = series.points.map(([x, y]) => `${toX(x).toFixed(1)},${toY(y).toFixed(1)}`);
    const legendY = MARGIN.top + 10 + index * 20;
    parts.push(
      `<polyline points="${path.join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`,
      ...series.points.map(
        ([x, y]) =>
          `<circle cx="${toX(x).toFixed(1)}" cy="${toY(y).toFixed(1)}" r="3" fill="${color}"/>`,
      ),
      `<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${WIDTH - MARGIN.right + 38}" y="${legendY + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Rounds up to 1, 2 or 5 times a power of ten, so the y axis ticks read cleanly. */
function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value)!;
  return step * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
