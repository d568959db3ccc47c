import { api, get, type Session } from '../../api';
import { banner, clear, h, time } from '../../dom';
import { confirmed, emptyRow, enc, input, pageHead } from '../../form';
import { t } from '../../i18n';

interface AuditRow {
  id: number | string;
  database: string;
  at: string | number;
  actor: string;
  action: string;
  kind: string;
  object: string;
  old: unknown;
  new: unknown;
  summary: string;
}

const KINDS = ['', 'group', 'host', 'template', 'expression', 'aggregate', 'user', 'team'];

function pretty(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  let v = value;
  if (typeof value === 'string') {
    try {
      v = JSON.parse(value);
    } catch {
      return value.split('\n');
    }
  }
  return JSON.stringify(v, null, 2).split('\n');
}

/** A line diff (longest common subsequence): objects are small, so the quadratic table is fine. */
export function diffLines(a: string[], b: string[]): { kind: ' ' | '-' | '+'; text: string }[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: { kind: ' ' | '-' | '+'; text: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i] });
      i++;
      j++;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) out.push({ kind: '-', text: a[i++] });
    else out.push({ kind: '+', text: b[j++] });
  }
  while (i < n) out.push({ kind: '-', text: a[i++] });
  while (j < m) out.push({ kind: '+', text: b[j++] });
  return out;
}

/** Every configuration change, newest first, with a diff of the object before and after, and "restore this version". */
export function historyPage(root: HTMLElement, _session: Session, arg: string): () => void {
  const body = h('tbody');
  const message = h('div', { id: 'history-message' });
  const detail = h('div', { id: 'history-detail' });
  const kind = h('select', { name: 'kind' }, KINDS.map((k) => h('option', { value: k }, k || t('any')))) as HTMLSelectElement;
  const object = input('object', arg, { placeholder: 'shop-web' });
  const actor = input('actor', '', { placeholder: 'alice' });
  const form = h('form', { class: 'filters', id: 'history-filter' },
    h('label', {}, t('kind'), kind), h('label', {}, t('object'), object), h('label', {}, t('actor'), actor), h('button', { type: 'submit' }, t('search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  pageHead(root, t('history'), t('historyHelp'), form, message,
    h('table', { class: 'grid', id: 'history' },
      h('thead', {}, h('tr', {}, [t('when'), t('actor'), t('changeAction'), t('kind'), t('object'), t('summary')].map((x) => h('th', {}, x)))), body),
    detail);

  async function load(): Promise<void> {
    const p = new URLSearchParams({ limit: '200' });
    if (kind.value) p.set('kind', kind.value);
    if (object.value.trim()) p.set('object', object.value.trim());
    if (actor.value.trim()) p.set('actor', actor.value.trim());
    try {
      const rows = await get<AuditRow[]>(`/api/history?${p}`);
      clear(body, rows.length ? rows.map((r) => {
        const tr = h('tr', { 'data-id': `${r.database}/${r.id}`, class: 'clickable' },
          h('td', {}, time(r.at)), h('td', {}, r.actor), h('td', {}, r.action), h('td', {}, r.kind), h('td', {}, r.object), h('td', {}, r.summary));
        tr.addEventListener('click', () => show(r));
        return tr;
      }) : emptyRow(6));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function show(r: AuditRow): void {
    const lines = diffLines(pretty(r.old), pretty(r.new));
    // Restoring a deletion brings back the old value; any other row, its new value.
    const restorable = r.new !== null && r.new !== undefined && r.new !== '' ? 'new' : r.old !== null && r.old !== undefined && r.old !== '' ? 'old' : null;
    clear(detail, h('div', { class: 'detail' },
      h('h3', {}, `${r.kind} ${r.object} — ${r.action} ${t('by')} ${r.actor}, ${time(r.at)}`,
        h('button', { type: 'button', class: 'link', onclick: () => clear(detail) }, t('close'))),
      h('pre', { class: 'diff', id: 'history-diff' }, lines.map((l) => h('div', { class: l.kind === '+' ? 'add' : l.kind === '-' ? 'del' : '' }, `${l.kind} ${l.text}`))),
      restorable ? h('button', { type: 'button', id: 'history-restore', onclick: () => void restore(r) }, t('restoreVersion')) : null));
  }

  async function restore(r: AuditRow): Promise<void> {
    if (!confirmed(t('restoreQuestion'), `${r.kind} ${r.object} (${time(r.at)})`)) return;
    try {
      await api('POST', `/api/history/${enc(r.database)}/${enc(String(r.id))}/restore`);
      clear(message, banner('info', `${t('restored')}: ${r.kind} ${r.object}`));
      clear(detail);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}
