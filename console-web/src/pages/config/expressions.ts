import { api, get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { checkbox, confirmed, emptyRow, field, flag, input, pageHead, save, select } from '../../form';
import { t } from '../../i18n';
import { actionForm, blankAction, type Action } from './action';
import { OPS, condition } from './strategy';

interface Expression {
  id?: number;
  expression: string;
  func: string;
  op: string;
  rightValue: string;
  maxStep: number;
  priority: number;
  note: string;
  pause: boolean;
  action: Action | null;
}

/** Expressions: a condition on every series matching a selector, with its own action, outside any template. */
export function expressionsPage(root: HTMLElement, _session: Session): () => void {
  const body = h('tbody');
  const message = h('div', { id: 'expressions-message' });
  const editor = h('div', { id: 'expression-editor' });
  let teams: string[] = [];
  pageHead(root, t('expressions'), t('expressionsHelp'),
    h('table', { class: 'grid', id: 'expressions' },
      h('thead', {}, h('tr', {}, [t('expression'), t('condition'), t('priority'), t('note'), t('actionTeams'), ''].map((x) => h('th', {}, x)))), body),
    h('button', { type: 'button', id: 'expression-new', onclick: () => edit(null) }, t('createExpression')), message, editor);

  async function load(): Promise<void> {
    try {
      const [list, teamList] = await Promise.all([get<Expression[]>('/api/expressions'), get<{ name: string }[]>('/api/teams').catch(() => [])]);
      teams = teamList.map((x) => x.name);
      clear(body, list.length ? list.map((x) => h('tr', { 'data-id': x.id ?? '', class: x.pause ? 'ok' : '' },
        h('td', { class: 'mono' }, x.expression), h('td', { class: 'mono' }, condition(x)), h('td', {}, `P${x.priority}`),
        h('td', {}, x.note, x.pause ? h('span', { class: 'badge' }, t('paused')) : null), h('td', {}, (x.action?.teams ?? []).join(', ')),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary edit', onclick: () => edit(x) }, t('edit')),
          h('button', { type: 'button', class: 'remove', onclick: () => void remove(x) }, t('remove'))))) : emptyRow(6));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function edit(x: Expression | null): void {
    const expression = input('expression', x?.expression ?? '', { required: true, size: 50, placeholder: 'each(metric=cpu.idle endpoint=web-1)' });
    const func = input('func', x?.func ?? 'all(#3)', { required: true });
    const op = select('op', OPS.map((o) => [o, o]), x?.op ?? '<');
    const right = input('rightValue', x?.rightValue ?? '', { required: true, placeholder: '10' });
    const maxStep = input('maxStep', x?.maxStep ?? 3, { type: 'number' });
    const priority = select('priority', [0, 1, 2, 3, 4, 5].map((p) => [String(p), `P${p}`]), String(x?.priority ?? 2));
    const note = input('note', x?.note ?? '', { size: 40 });
    const pause = checkbox('pause', x?.pause ?? false);
    const form = h('form', { class: 'config-form', id: 'expression-form' },
      field('expression', t('expression'), expression, t('expressionHint')),
      h('div', { class: 'row' }, field('func', t('func'), func, t('funcHint')), field('op', t('op'), op), field('rightValue', t('rightValue'), right, t('rightValueHint'))),
      h('div', { class: 'row' }, field('maxStep', t('maxStep'), maxStep, t('maxStepHint')), field('priority', t('priority'), priority, t('priorityHint'))),
      field('note', t('note'), note, t('noteHint')),
      flag('pause', t('pauseExpression'), pause));
    const current: { action: Action } = { action: x?.action ?? blankAction() };
    const submit = async (a: Action): Promise<void> => {
      current.action = a;
      const body: Expression = {
        expression: expression.value.trim(), func: func.value.trim(), op: op.value, rightValue: right.value.trim(), maxStep: Number(maxStep.value),
        priority: Number(priority.value), note: note.value, pause: pause.checked, action: a,
      };
      const ok = await save(form, message, async () => {
        if (x?.id !== undefined) await api('PUT', `/api/expressions/${x.id}`, body);
        else await api('POST', '/api/expressions', body);
      }, t('saved'));
      if (ok) {
        clear(editor);
        await load();
      }
    };
    // One save button: the action form's submit saves the whole expression.
    const actions = actionForm(current.action, teams, submit);
    clear(editor, h('h3', {}, x ? t('editExpression') : t('createExpression')), form, h('h4', {}, t('action')), actions);
  }

  async function remove(x: Expression): Promise<void> {
    if (!confirmed(t('deleteExpressionQuestion'), x.expression)) return;
    try {
      await api('DELETE', `/api/expressions/${x.id}`);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}
