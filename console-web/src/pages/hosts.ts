import { get, type Session } from '../api';
import { metricChart } from '../chart';
import { banner, clear, h } from '../dom';
import { t } from '../i18n';
import { hostConfigSection } from './config/hostconfig';

// The key metrics of open-falcon's agent, as its dashboard showed them first.
const KEY_METRICS = ['cpu.idle', 'cpu.user', 'mem.memfree.percent', 'df.bytes.free.percent', 'net.if.in.bytes', 'net.if.out.bytes', 'load.1min'];
const RANGES: [string, number][] = [['1h', 3600], ['6h', 21600], ['24h', 86400], ['7d', 604800]];

export function hostsPage(root: HTMLElement, _session: Session, arg: string): () => void {
  const host = h('input', { name: 'host', list: 'known-hosts', value: arg, placeholder: 'web-1' }) as HTMLInputElement;
  const range = h('select', { name: 'range' }, RANGES.map(([label, s]) => h('option', { value: String(s) }, label))) as HTMLSelectElement;
  const metric = h('input', { name: 'metric', list: 'host-metrics', placeholder: 'disk.io.util' }) as HTMLInputElement;
  const hosts = h('datalist', { id: 'known-hosts' });
  const metrics = h('datalist', { id: 'host-metrics' });
  const charts = h('div', { class: 'charts', id: 'host-charts' });
  const message = h('div');
  const form = h('form', { class: 'filters', id: 'host-form' },
    h('label', {}, t('host'), host), h('label', {}, t('range'), range), h('label', {}, t('anyMetric'), metric),
    h('button', { type: 'submit' }, t('show')), hosts, metrics);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const name = host.value.trim();
    if (name && name !== arg) location.hash = `#/hosts/${encodeURIComponent(name)}`;
    else draw();
  });
  range.addEventListener('change', draw);
  clear(root, h('h2', {}, t('hosts')), h('p', { class: 'help' }, t('hostsHelp')), form, message, charts);

  get<string[]>('/api/endpoints').then((names) => clear(hosts, names.slice(0, 5000).map((n) => h('option', { value: n })))).catch(() => {});

  function draw(): void {
    const name = host.value.trim();
    if (!name) return;
    const to = Math.floor(Date.now() / 1000);
    const from = to - Number(range.value);
    const shown = metric.value.trim() ? [metric.value.trim(), ...KEY_METRICS] : KEY_METRICS;
    clear(charts, shown.map((m) => metricChart(name, m, from, to)));
  }

  if (arg) {
    root.append(hostConfigSection(arg));
    draw();
    get<string[]>(`/api/metrics?endpoint=${encodeURIComponent(arg)}`)
      .then((names) => clear(metrics, names.map((n) => h('option', { value: n }))))
      .catch((e: Error) => clear(message, banner('error', e.message)));
  }
  return () => {};
}
