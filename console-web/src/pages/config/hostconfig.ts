import { api, get } from '../../api';
import { banner, clear, h, time } from '../../dom';
import { emptyRow, enc, field, input, link, showError } from '../../form';
import { t } from '../../i18n';
import { condition, type Strategy } from './strategy';

interface Applying {
  group: string;
  template: string;
  via: string[];
  strategy: Strategy;
}

interface HostConfig {
  strategies: Applying[];
  expressions: { id?: number; expression: string; func: string; op: string; rightValue: string }[];
  maintenance: { begin: number; end: number } | null;
}

// The API answers a list of applying strategies, or an object with the expressions and the maintenance window too.
function normalize(answer: unknown): HostConfig {
  if (Array.isArray(answer)) return { strategies: answer as Applying[], expressions: [], maintenance: null };
  const a = (answer ?? {}) as Partial<HostConfig> & { maintain?: { begin: number; end: number } };
  return { strategies: a.strategies ?? [], expressions: a.expressions ?? [], maintenance: a.maintenance ?? a.maintain ?? null };
}

function local(seconds: number): string {
  const d = new Date(seconds * 1000 - new Date(seconds * 1000).getTimezoneOffset() * 60000);
  return d.toISOString().slice(0, 16);
}

/** Below a host's charts: which strategies apply to it (through which group and template), and its maintenance window. */
export function hostConfigSection(host: string): HTMLElement {
  const section = h('section', { id: 'host-config' });
  const message = h('div');

  async function load(): Promise<void> {
    try {
      draw(normalize(await get<unknown>(`/api/hosts/${enc(host)}/strategies`)));
    } catch (e) {
      clear(section, h('h3', {}, t('applying')), banner('error', (e as Error).message));
    }
  }

  function draw(c: HostConfig): void {
    const now = Math.floor(Date.now() / 1000);
    const m = c.maintenance && c.maintenance.end > 0 ? c.maintenance : null;
    const begin = input('begin', local(m?.begin ?? now), { type: 'datetime-local' });
    const end = input('end', local(m?.end ?? now + 3600), { type: 'datetime-local' });
    const form = h('form', { id: 'maintenance-form', class: 'filters' },
      field('begin', t('maintBegin'), begin), field('end', t('maintEnd'), end),
      h('button', { type: 'submit' }, t('setMaintenance')),
      m ? h('button', { type: 'button', class: 'danger', id: 'maintenance-clear', onclick: () => void clearWindow(form) }, t('clearMaintenance')) : null);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void (async () => {
        try {
          await api('PUT', `/api/hosts/${enc(host)}/maintenance`, {
            begin: Math.floor(new Date(begin.value).getTime() / 1000), end: Math.floor(new Date(end.value).getTime() / 1000),
          });
          await load();
        } catch (err) {
          showError(form, message, err);
        }
      })();
    });
    clear(section,
      h('h3', {}, t('applying')),
      h('p', { class: 'help' }, t('applyingHelp')),
      h('table', { class: 'grid', id: 'host-strategies' },
        h('thead', {}, h('tr', {}, [t('group1'), t('template1'), t('via'), t('metric'), t('strategyTags'), t('condition'), t('priority'), t('note')].map((x) => h('th', {}, x)))),
        h('tbody', {}, c.strategies.length ? c.strategies.map((a) => h('tr', { 'data-template': a.template, 'data-metric': a.strategy.metric },
          h('td', {}, link(`#/groups/${enc(a.group)}`, a.group)), h('td', {}, link(`#/templates/${enc(a.template)}`, a.template)),
          h('td', {}, (a.via ?? []).join(' → ')), h('td', {}, a.strategy.metric), h('td', {}, a.strategy.tags || '—'),
          h('td', { class: 'mono' }, condition(a.strategy)), h('td', {}, `P${a.strategy.priority}`), h('td', {}, a.strategy.note))) : [emptyRow(8, t('noStrategies'))])),
      c.expressions.length ? [h('h4', {}, t('expressions')), h('ul', {}, c.expressions.map((x) => h('li', { class: 'mono' }, `${x.expression} ${condition(x)}`)))] : null,
      h('h3', {}, t('maintenance')),
      h('p', { class: 'help' }, t('maintenanceHelp')),
      h('p', { id: 'maintenance-now' }, m ? `${t('maintenanceWindow')}: ${time(m.begin)} – ${time(m.end)}${m.end < now ? ` (${t('ended')})` : ''}` : t('noMaintenance')),
      form, message);
  }

  async function clearWindow(form: HTMLElement): Promise<void> {
    try {
      await api('DELETE', `/api/hosts/${enc(host)}/maintenance`);
      await load();
    } catch (err) {
      showError(form, message, err);
    }
  }

  void load();
  return section;
}
