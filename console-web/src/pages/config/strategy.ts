import { api } from '../../api';
import { banner, clear, h } from '../../dom';
import { field, input, select, showError } from '../../form';
import { t } from '../../i18n';

export interface Strategy {
  id?: number;
  metric: string;
  tags: string;
  func: string;
  op: string;
  rightValue: string;
  maxStep: number;
  priority: number;
  runBegin: string;
  runEnd: string;
  note: string;
}

export const OPS = ['<', '<=', '>', '>=', '==', '!='];

export function condition(s: { func: string; op: string; rightValue: string }): string {
  return `${s.func} ${s.op} ${s.rightValue}`;
}

export function blankStrategy(): Strategy {
  return { metric: '', tags: '', func: 'all(#3)', op: '<', rightValue: '', maxStep: 3, priority: 2, runBegin: '', runEnd: '', note: '' };
}

/**
 * The strategy form: every field says what it means with an example. The judge's own rules check it on the server;
 * an error comes back naming the field, and is shown there.
 */
export function strategyForm(initial: Strategy, onSave: (s: Strategy) => Promise<void>, onCancel?: () => void): HTMLElement {
  const metric = input('metric', initial.metric, { required: true, placeholder: 'cpu.idle', list: 'strategy-metrics' });
  const tags = input('tags', initial.tags, { placeholder: 'mount=/,fstype=ext4' });
  const func = input('func', initial.func, { required: true, placeholder: 'all(#3)', list: 'strategy-funcs' });
  const op = select('op', OPS.map((o) => [o, o]), initial.op);
  const right = input('rightValue', initial.rightValue, { required: true, placeholder: '90' });
  const maxStep = input('maxStep', initial.maxStep, { type: 'number', placeholder: '3' });
  const priority = select('priority', [0, 1, 2, 3, 4, 5].map((p) => [String(p), `P${p}`]), String(initial.priority));
  const runBegin = input('runBegin', initial.runBegin, { placeholder: '00:00', size: 6 });
  const runEnd = input('runEnd', initial.runEnd, { placeholder: '08:00', size: 6 });
  const note = input('note', initial.note, { placeholder: t('notePlaceholder'), size: 40 });
  const message = h('div');
  const form = h('form', { class: 'config-form strategy-form' },
    h('datalist', { id: 'strategy-funcs' }, ['all(#3)', 'max(#3)', 'min(#3)', 'avg(#5)', 'sum(#5)', 'diff(#3)', 'pdiff(#3)', 'lookup(#2,3)'].map((f) => h('option', { value: f }))),
    field('metric', t('metric'), metric, t('metricHint')),
    field('tags', t('strategyTags'), tags, t('strategyTagsHint')),
    h('div', { class: 'row' },
      field('func', t('func'), func, t('funcHint')),
      field('op', t('op'), op, t('opHint')),
      field('rightValue', t('rightValue'), right, t('rightValueHint'))),
    h('div', { class: 'row' },
      field('maxStep', t('maxStep'), maxStep, t('maxStepHint')),
      field('priority', t('priority'), priority, t('priorityHint'))),
    h('div', { class: 'row' },
      field('runBegin', t('runBegin'), runBegin, t('runHint')),
      field('runEnd', t('runEnd'), runEnd)),
    field('note', t('note'), note, t('noteHint')),
    message,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, t('save')),
      onCancel ? h('button', { type: 'button', class: 'secondary', onclick: onCancel }, t('cancelEdit')) : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const s: Strategy = {
      metric: metric.value.trim(), tags: tags.value.trim(), func: func.value.trim(), op: op.value, rightValue: right.value.trim(),
      maxStep: Number(maxStep.value), priority: Number(priority.value), runBegin: runBegin.value.trim(), runEnd: runEnd.value.trim(), note: note.value,
    };
    if (initial.id !== undefined) s.id = initial.id;
    void onSave(s).catch((err) => showError(form, message, err));
  });
  return form;
}

interface DryRun {
  recipients: { user: string; channels: string[]; addresses?: Record<string, string>; silenced: boolean }[];
  groupChats?: string[];
  silencedGroupChats?: string[];
  callback?: string | null;
  queue?: string;
  immediate?: boolean;
  escalations?: { step?: number; afterMinutes: number; teams?: string[]; users?: string[] }[];
  notes?: string[];
}

/** The test-fire panel of one strategy: a synthetic event through the alarm role's routing, with nothing sent. */
export function testFirePanel(id: number, hosts: string[]): HTMLElement {
  const endpoint = input('endpoint', hosts[0] ?? '', { required: true, placeholder: 'web-1', list: `fire-hosts-${id}` });
  const result = h('div', { class: 'fire-result' });
  const form = h('form', { class: 'filters test-fire', 'data-strategy': id },
    h('datalist', { id: `fire-hosts-${id}` }, hosts.map((x) => h('option', { value: x }))),
    h('label', {}, t('endpoint'), endpoint),
    h('button', { type: 'submit' }, t('fireTest')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void (async () => {
      try {
        const r = await api<DryRun>('POST', `/api/strategies/${id}/test`, { endpoint: endpoint.value.trim() });
        clear(result, dryRun(r));
      } catch (err) {
        clear(result, banner('error', (err as Error).message));
      }
    })();
  });
  return h('div', { class: 'fire' }, h('p', { class: 'hint' }, t('fireHelp')), form, result);
}

function dryRun(r: DryRun): HTMLElement[] {
  const out: HTMLElement[] = [banner('info', t('nothingSent'))];
  out.push(h('table', { class: 'grid narrow recipients' },
    h('thead', {}, h('tr', {}, h('th', {}, t('user')), h('th', {}, t('channels')), h('th', {}, t('addresses')), h('th', {}, t('silences')))),
    h('tbody', {}, (r.recipients ?? []).length
      ? r.recipients.map((x) => h('tr', { 'data-user': x.user, class: x.silenced ? 'ok' : '' },
        h('td', {}, x.user), h('td', {}, x.channels.join(', ') || '—'),
        h('td', { class: 'mono' }, Object.entries(x.addresses ?? {}).filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`).join(' · ')),
        h('td', {}, x.silenced ? t('silenced') : '—')))
      : [h('tr', {}, h('td', { colspan: 4, class: 'empty' }, t('noRecipients')))])));
  if (r.queue) out.push(h('p', {}, `${t('queue')}: ${r.queue} · ${r.immediate === false ? t('combined') : t('immediate')}`));
  if (r.groupChats?.length) out.push(h('p', {}, `${t('groupChats')}: ${r.groupChats.join(', ')}`));
  if (r.silencedGroupChats?.length) out.push(h('p', {}, `${t('groupChats')} (${t('silenced')}): ${r.silencedGroupChats.join(', ')}`));
  if (r.callback) out.push(h('p', {}, `${t('callbackUrl')}: ${r.callback}`));
  for (const step of r.escalations ?? []) {
    const who = [...(step.teams ?? []), ...(step.users ?? []).map((u) => `@${u}`)].join(', ');
    out.push(h('p', { class: 'escalation' }, `${t('escalateAfter')} ${step.afterMinutes} min → ${who}`));
  }
  if (r.notes?.length) out.push(h('ul', { class: 'notes' }, r.notes.map((n) => h('li', {}, n))));
  return out;
}
