import { api, get, prefetch, type Session } from '../api';
import { metricChart } from '../chart';
import { banner, clear, h, time } from '../dom';
import { t } from '../i18n';
import { ACKNOWLEDGED, covers, type AlarmCase, type AlarmEvent, type CaseNote, type Silence } from '../model';

const REFRESH_MS = 5000;
// Rows drawn at first and added by "show more": building and laying out the table costs far more than the query
// (BENCHMARKS.md: 200 rows took ~0.5 s to paint under load, 50 a quarter of it). The alarm role caps a page at 500.
const PAGE = 50;
const MAX_SHOWN = 500;

/** Starts the page's first requests (the default search, the silences) before the session check has answered. */
export function prefetchAlarms(): void {
  prefetch(`/api/alarms?${new URLSearchParams({ limit: String(PAGE), status: 'PROBLEM' })}`);
  prefetch('/api/silences');
}

export function alarmsPage(root: HTMLElement, session: Session): () => void {
  const endpoint = h('input', { name: 'endpoint', placeholder: 'web-* ' }) as HTMLInputElement;
  const metric = h('input', { name: 'metric', placeholder: 'cpu.idle' }) as HTMLInputElement;
  const text = h('input', { name: 'q' }) as HTMLInputElement;
  const status = h('select', { name: 'status' },
    h('option', { value: 'PROBLEM' }, t('open')), h('option', { value: '' }, t('all')), h('option', { value: 'OK' }, t('recovered'))) as HTMLSelectElement;
  const priority = h('select', { name: 'priority' }, h('option', { value: '' }, t('any')),
    ...[0, 1, 2, 3, 4, 5, 6].map((p) => h('option', { value: String(p) }, `P${p}`))) as HTMLSelectElement;
  const from = h('input', { name: 'from', type: 'datetime-local' }) as HTMLInputElement;
  const to = h('input', { name: 'to', type: 'datetime-local' }) as HTMLInputElement;
  const message = h('div', { id: 'alarms-message' });
  const body = h('tbody');
  const table = h('table', { id: 'alarms', class: 'grid' },
    h('thead', {}, h('tr', {}, ...['priority', 'endpoint', 'metric', 'note', 'started', 'updated', 'step', 'acked', 'silence', 'ack'].map((k) => h('th', {}, t(k as never))))),
    body);
  const more = h('button', { type: 'button', id: 'alarms-more', class: 'link', hidden: true }, t('showMore'));
  more.addEventListener('click', () => {
    shown = Math.min(shown + PAGE, MAX_SHOWN);
    void load();
  });
  const detail = h('section', { id: 'alarm-detail', class: 'detail', hidden: true });
  const notify = h('button', { type: 'button', class: 'link', id: 'notify' }, t('notify'));
  notify.addEventListener('click', () => void Notification.requestPermission().then(() => (notify.hidden = Notification.permission === 'granted')));
  notify.hidden = typeof Notification === 'undefined' || Notification.permission === 'granted';

  const form = h('form', { class: 'filters', id: 'alarm-search' },
    h('label', {}, t('endpoint'), endpoint), h('label', {}, t('metric'), metric), h('label', {}, t('text'), text),
    h('label', {}, t('status'), status), h('label', {}, t('priority'), priority),
    h('label', {}, t('from'), from), h('label', {}, t('to'), to),
    h('button', { type: 'submit' }, t('search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    // Marks for the benchmark (BENCHMARKS.md): from here to the next falcon:alarms-rendered is a search.
    performance.mark('falcon:alarms-search');
    void load(true);
  });
  clear(root, h('h2', {}, t('alarms')), h('p', { class: 'help' }, t('alarmsHelp')), notify, form, message, table, more, detail);

  let known: Set<string> | null = null;
  let silences: Silence[] = [];
  let timer = 0;
  let stopped = false;
  let loading = 0;
  let shown = PAGE;

  function query(): string {
    const p = new URLSearchParams({ limit: String(shown) });
    if (endpoint.value.trim()) p.set('endpoint', endpoint.value.trim());
    if (metric.value.trim()) p.set('metric', metric.value.trim());
    if (text.value.trim()) p.set('q', text.value.trim());
    if (status.value) p.set('status', status.value);
    if (priority.value) p.set('priority', priority.value);
    if (from.value) p.set('from', String(Math.floor(new Date(from.value).getTime() / 1000)));
    if (to.value) p.set('to', String(Math.floor(new Date(to.value).getTime() / 1000)));
    return p.toString();
  }

  async function load(fresh = false): Promise<void> {
    const mine = ++loading;
    if (fresh) {
      known = null;
      shown = PAGE;
    }
    try {
      const [page, silenceList] = await Promise.all([
        get<{ data: AlarmCase[]; nextCursor?: string | null }>(`/api/alarms?${query()}`),
        get<{ data: Silence[] }>('/api/silences').catch(() => ({ data: [] as Silence[] })),
      ]);
      if (stopped || mine !== loading) return;
      silences = silenceList.data ?? [];
      render(page.data ?? []);
      more.hidden = !page.nextCursor || shown >= MAX_SHOWN;
      clear(message);
    } catch (e) {
      if (!stopped) clear(message, banner('error', (e as Error).message));
    } finally {
      if (!stopped && mine === loading) {
        window.clearTimeout(timer);
        timer = window.setTimeout(() => void load(), REFRESH_MS);
      }
    }
  }

  function render(cases: AlarmCase[]): void {
    if (known) {
      const fresh = cases.filter((c) => !known!.has(c.id) && c.status === 'PROBLEM');
      if (fresh.length && typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(`${t('newAlarm')}: ${fresh[0].endpoint} ${fresh[0].metric}`, { body: fresh[0].note, tag: fresh[0].id });
      }
    }
    known = new Set(cases.map((c) => c.id));
    if (!cases.length) clear(body, h('tr', {}, h('td', { colspan: 10, class: 'empty' }, t('noAlarms'))));
    else clear(body, cases.map(row));
    root.dataset.rendered = String(cases.length);
    // For the benchmark: the rows are in the DOM, then (a task after the next frame) laid out and painted.
    performance.mark('falcon:alarms-rendered');
    requestAnimationFrame(() => setTimeout(() => performance.mark('falcon:alarms-painted'), 0));
  }

  function row(c: AlarmCase): HTMLElement {
    const active = silences.filter((s) => covers(s, c));
    const mineSilenced = active.some((s) => s.user === session.name);
    const acked = c.processStatus === ACKNOWLEDGED;
    const choose = h('select', { class: 'silence-for', 'aria-label': t('silence') },
      h('option', { value: '' }, t('silence')),
      ...session.silenceDurations.map((d) => h('option', { value: d }, d)),
      h('option', { value: 'custom' }, t('custom'))) as HTMLSelectElement;
    const scope = h('select', { class: 'silence-scope' }, h('option', { value: 'me' }, t('forMe')), h('option', { value: 'team' }, t('forTeam'))) as HTMLSelectElement;
    choose.addEventListener('change', () => void silence(c, choose, scope));
    const ackButton = acked
      ? h('button', { type: 'button', class: 'unack', onclick: () => void setAck(c, false) }, t('unack'))
      : h('button', { type: 'button', class: 'ack', onclick: () => void setAck(c, true) }, t('ack'));
    const tr = h('tr', { 'data-id': c.id, class: `p${Math.min(c.priority, 3)} ${c.status === 'OK' ? 'ok' : ''} ${acked ? 'acked' : ''}` },
      h('td', {}, `P${c.priority}`),
      h('td', {}, h('a', { href: `#/hosts/${encodeURIComponent(c.endpoint)}` }, c.endpoint)),
      h('td', {}, c.metric),
      h('td', {}, c.note, h('div', { class: 'cond' }, `${c.func} ${c.cond}`)),
      h('td', {}, time(c.timestamp)),
      h('td', {}, time(c.updateAt)),
      h('td', {}, `${c.currentStep}/${c.maxStep}`),
      h('td', { class: 'process' }, acked ? `✔ ${t('acked')}` : c.processStatus && c.processStatus !== 'unresolved' ? c.processStatus : ''),
      h('td', { class: 'silence' }, choose, scope,
        active.length ? h('div', { class: `silenced ${mineSilenced ? 'mine' : ''}`, title: active.map((s) => `${s.user} → ${time(s.until)}`).join('\n') },
          `${t('silenced')}: ${active.map((s) => s.user).join(', ')}`) : null),
      h('td', {}, c.status === 'PROBLEM' || acked ? ackButton : null));
    tr.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('select,button,a')) return;
      void open(c);
    });
    return tr;
  }

  async function silence(c: AlarmCase, choose: HTMLSelectElement, scope: HTMLSelectElement): Promise<void> {
    let duration = choose.value;
    if (!duration) return;
    if (duration === 'custom') duration = prompt(t('customPrompt')) ?? '';
    choose.value = '';
    if (!duration) return;
    try {
      await api('POST', '/api/silences', { scope: scope.value, endpoint: c.endpoint, counter: c.metric, for: duration, comment: `from the alarms page (${c.id})` });
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  async function setAck(c: AlarmCase, on: boolean): Promise<void> {
    try {
      if (on) {
        const note = prompt(t('ackPrompt'));
        if (!note) return;
        await api('POST', `/api/alarms/${encodeURIComponent(c.id)}/ack`, { note });
      } else {
        await api('DELETE', `/api/alarms/${encodeURIComponent(c.id)}/ack`);
      }
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  async function open(c: AlarmCase): Promise<void> {
    detail.hidden = false;
    const at = Math.floor(new Date(c.timestamp).getTime() / 1000);
    const end = c.status === 'OK' && c.updateAt ? Math.floor(new Date(c.updateAt).getTime() / 1000) : Math.floor(Date.now() / 1000);
    const events = h('ul', { class: 'events' });
    const notes = h('ul', { class: 'notes' });
    clear(detail,
      h('h3', {}, `${c.endpoint} · ${c.metric}`, h('button', { type: 'button', class: 'link', onclick: () => (detail.hidden = true) }, t('close'))),
      h('h4', {}, t('chartAround')), metricChart(c.endpoint, c.metric, at - 3600, Math.max(end, at) + 1800, at),
      h('h4', {}, t('history')), events, h('h4', {}, t('notes')), notes);
    detail.scrollIntoView({ block: 'nearest' });
    try {
      const [history, written] = await Promise.all([
        get<{ data: AlarmEvent[] }>(`/api/alarms/${encodeURIComponent(c.id)}/events`),
        get<CaseNote[]>(`/api/alarms/${encodeURIComponent(c.id)}/notes`),
      ]);
      clear(events, (history.data ?? []).map((e) => h('li', {}, `${time(e.timestamp)} · #${e.step} · ${e.status} · ${e.cond}`)));
      clear(notes, written.map((n) => h('li', {}, `${time(n.at)} · ${n.user} · ${n.status} · ${n.note}`)));
    } catch (e) {
      clear(events, banner('error', (e as Error).message));
    }
  }

  void load(true);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
