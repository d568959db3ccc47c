import uPlot from 'uplot';
import { get } from './api';
import { h } from './dom';
import { t } from './i18n';

export interface SeriesData {
  labels: Record<string, string>;
  points: [number, number][];
}

const colors = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

// A series' name on the chart: its tags (labels other than Falcon's own), or the metric when it has none.
function seriesName(labels: Record<string, string>): string {
  const tags = Object.entries(labels).filter(([k]) => !['__name__', 'endpoint', 'counterType'].includes(k));
  return tags.length ? tags.map(([k, v]) => `${k}=${v}`).join(',') : labels['__name__'] ?? '';
}

/** A chart of one counter of one endpoint from the TSDB between from and to (unix seconds), with an optional marker. */
export function metricChart(endpoint: string, metric: string, from: number, to: number, marker?: number): HTMLElement {
  const box = h('div', { class: 'chart', 'data-metric': metric, 'data-state': 'loading' }, h('div', { class: 'chart-title' }, metric));
  const params = new URLSearchParams({ endpoint, metric, from: String(Math.floor(from)), to: String(Math.floor(to)) });
  get<SeriesData[]>(`/api/series?${params}`).then((series) => {
    if (!series.length) {
      box.append(h('div', { class: 'nodata' }, t('noData')));
      box.dataset.state = 'empty';
      return;
    }
    const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
    const index = new Map(times.map((x, i) => [x, i]));
    const columns = series.map((s) => {
      const column: (number | null)[] = new Array(times.length).fill(null);
      for (const [x, y] of s.points) column[index.get(x)!] = y;
      return column;
    });
    const width = Math.max(320, (box.parentElement?.clientWidth ?? 640) - 24);
    const options: uPlot.Options = {
      width: Math.min(width, 900),
      height: 200,
      series: [{}, ...series.map((s, i) => ({ label: seriesName(s.labels), stroke: colors[i % colors.length], width: 1.5, spanGaps: true }))],
      axes: [{}, { size: 60 }],
      hooks: marker
        ? {
            draw: [
              (u: uPlot) => {
                const x = u.valToPos(marker, 'x', true);
                const ctx = u.ctx;
                ctx.save();
                ctx.strokeStyle = '#dc2626';
                ctx.setLineDash([4, 4]);
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
                ctx.restore();
              },
            ],
          }
        : {},
    };
    new uPlot(options, [times, ...columns] as uPlot.AlignedData, box);
    box.dataset.state = 'drawn';
    box.dataset.points = String(series.reduce((n, s) => n + s.points.length, 0));
  }).catch((e: Error) => {
    box.append(h('div', { class: 'nodata' }, e.message));
    box.dataset.state = 'error';
  });
  return box;
}
