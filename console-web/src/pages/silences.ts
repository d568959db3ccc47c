import { api, get, type Session } from '../api';
import { banner, clear, h, time } from '../dom';
import { t } from '../i18n';
import { covers, type AlarmCase, type Silence } from '../model';

const SOON_MS = 3600_000;

// `1h`, `2h30m`, `1d`, `1w` in seconds (0 when unreadable); only to warn, the alarm role checks for real.
function seconds(text: string): number {
  const units: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
  let total = 0;
  for (const [, n, u] of text.trim().matchAll(/(\d+)([smhdw])/g)) total += Number(n) * units[u];
  return total;
}

export function silencesPage(root: HTMLElement, session: Session): () => void {
  const message = h('div', { id: 'silences-message' });
  const body = h('tbody');
  const endpoint = h('input', { name: 'endpoint', required: true, placeholder: 'web-1 or *' }) as HTMLInputElement;
  const counter = h('input', { name: 'counter', required: true, placeholder: 'cpu.idle' }) as HTMLInputElement;
  const duration = h('input', { name: 'for', required: true, value: session.silenceDurations[0] ?? '1h', list: 'durations' }) as HTMLInputElement;
  const scope = h('select', { name: 'scope' }, h('option', { value: 'me' }, t('forMe')), h('option', { value: 'team' }, t('forTeam'))) as HTMLSelectElement;
  const comment = h('input', { name: 'comment' }) as HTMLInputElement;
  const preview = h('div', { id: 'silence-preview' });
  const form = h('form', { class: 'filters', id: 'silence-add' },
    h('datalist', { id: 'durations' }, session.silenceDurations.map((d) => h('option', { value: d }))),
    h('label', {}, t('endpoint'), endpoint), h('label', {}, t('counter'), counter), h('label', {}, t('duration'), duration),
    h('label', {}, t('scope'), scope), h('label', {}, t('comment'), comment),
    h('button', { type: 'button', id: 'silence-preview-button', onclick: () => void showPreview() }, t('preview')),
    h('button', { type: 'submit' }, t('add')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void add();
  });
  clear(root, h('h2', {}, t('silences')), h('p', { class: 'help' }, t('silencesHelp')), message,
    h('table', { id: 'silences', class: 'grid' },
      h('thead', {}, h('tr', {}, ...['user', 'endpoint', 'counter', 'until', 'comment', 'createdBy', 'remove'].map((k) => h('th', {}, t(k as never))))), body),
    h('h3', {}, t('add')), form, preview);

  let stopped = false;
  let timer = 0;

  async function load(): Promise<void> {
    try {
      const list = (await get<{ data: Silence[] }>('/api/silences')).data ?? [];
      if (stopped) return;
      if (!list.length) clear(body, h('tr', {}, h('td', { colspan: 7, class: 'empty' }, t('noSilences'))));
      else clear(body, list.map(row));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
    if (!stopped) timer = window.setTimeout(() => void load(), 15000);
  }

  function row(s: Silence): HTMLElement {
    const soon = new Date(s.until).getTime() - Date.now() < SOON_MS;
    return h('tr', { 'data-id': s.id, class: soon ? 'soon' : '' },
      h('td', {}, s.user), h('td', {}, s.endpoint), h('td', {}, s.counter),
      h('td', {}, time(s.until), soon ? h('span', { class: 'badge' }, t('expiringSoon')) : null),
      h('td', {}, s.comment), h('td', {}, s.createdBy),
      h('td', {}, h('button', { type: 'button', class: 'remove', onclick: () => void remove(s) }, t('remove'))));
  }

  async function remove(s: Silence): Promise<void> {
    try {
      await api('DELETE', `/api/silences/${encodeURIComponent(s.id)}`);
      clear(message);
      window.clearTimeout(timer);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function warnings(): HTMLElement[] {
    const out: HTMLElement[] = [];
    if (endpoint.value.trim() === '*') out.push(banner('warn', t('broadEndpoint')));
    if (seconds(duration.value) > 86400) out.push(banner('warn', t('broadDuration')));
    return out;
  }

  async function showPreview(): Promise<void> {
    const draft: Silence = { id: '', user: session.name, endpoint: endpoint.value.trim(), counter: counter.value.trim(), until: '', comment: '', createdBy: '', createdAt: '' };
    const p = new URLSearchParams({ status: 'PROBLEM', limit: '500' });
    if (draft.endpoint && draft.endpoint !== '*') p.set('endpoint', draft.endpoint);
    if (draft.counter) p.set('metric', draft.counter.split('/')[0] + (draft.counter.includes('/') ? '' : '*'));
    try {
      const open = ((await get<{ data: AlarmCase[] }>(`/api/alarms?${p}`)).data ?? []).filter((c) => covers(draft, c));
      clear(preview, warnings(), h('p', {}, open.length ? t('wouldMatch') : t('noneMatch')),
        h('ul', { class: 'matches' }, open.map((c) => h('li', {}, `P${c.priority} ${c.endpoint} ${c.metric} — ${c.note}`))));
    } catch (e) {
      clear(preview, warnings(), banner('error', (e as Error).message));
    }
  }

  async function add(): Promise<void> {
    try {
      await api('POST', '/api/silences', { scope: scope.value, endpoint: endpoint.value.trim(), counter: counter.value.trim(), for: duration.value.trim(), comment: comment.value });
      clear(message, banner('info', `${counter.value} @ ${endpoint.value}: ${t('silenced')}`));
      clear(preview, warnings());
      window.clearTimeout(timer);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
