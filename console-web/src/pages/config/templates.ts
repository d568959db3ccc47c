import { api, get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { confirmed, emptyRow, enc, field, input, link, pageHead, save, select } from '../../form';
import { t } from '../../i18n';
import { actionForm, blankAction, type Action } from './action';
import { blankStrategy, condition, strategyForm, testFirePanel, type Strategy } from './strategy';

interface TemplateRow {
  name: string;
  parent: string | null;
  creator: string;
  strategies: number;
  groups: string[];
}

interface Template {
  name: string;
  parent: string | null;
  creator: string;
  strategies: Strategy[];
  inherited: { template: string; strategies: Strategy[] }[];
  action: Action | null;
  groups: string[];
}

/** `#/templates` lists and creates templates; `#/templates/<name>` edits one with its strategies and action. */
export function templatesPage(root: HTMLElement, session: Session, arg: string): () => void {
  if (arg) return templatePage(root, session, arg);
  const body = h('tbody');
  const message = h('div');
  const q = h('input', { name: 'q', type: 'search', placeholder: 'linux' }) as HTMLInputElement;
  const name = input('name', '', { required: true, placeholder: 'linux-base' });
  const parent = select('parent', [['', '—']], '');
  const form = h('form', { id: 'template-create', class: 'config-form' },
    field('name', t('templateName'), name, t('templateNameHint')),
    field('parent', t('parent'), parent, t('parentHint')),
    h('button', { type: 'submit' }, t('create')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(form, message, async () => {
      await api('POST', '/api/templates', { name: name.value.trim(), parent: parent.value || null });
      location.hash = `#/templates/${enc(name.value.trim())}`;
    });
  });
  q.addEventListener('input', () => void load());
  pageHead(root, t('templates'), t('templatesHelp'),
    h('div', { class: 'filters' }, h('label', {}, t('search'), q)),
    h('table', { class: 'grid', id: 'templates' },
      h('thead', {}, h('tr', {}, [t('templateName'), t('parent'), t('strategyCount'), t('groups'), t('creator')].map((x) => h('th', {}, x)))), body),
    h('h3', {}, t('createTemplate')), message, form);

  async function load(): Promise<void> {
    try {
      const list = await get<TemplateRow[]>(`/api/templates?q=${enc(q.value.trim())}`);
      if (!q.value.trim()) clear(parent, h('option', { value: '' }, '—'), list.map((x) => h('option', { value: x.name }, x.name)));
      clear(body, list.length ? list.map((x) => h('tr', { 'data-template': x.name },
        h('td', {}, link(`#/templates/${enc(x.name)}`, x.name)), h('td', {}, x.parent ? link(`#/templates/${enc(x.parent)}`, x.parent) : '—'),
        h('td', {}, x.strategies), h('td', {}, x.groups.map((g) => link(`#/groups/${enc(g)}`, g))), h('td', {}, x.creator))) : emptyRow(5));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }
  void load();
  return () => {};
}

function templatePage(root: HTMLElement, _session: Session, tplName: string): () => void {
  const message = h('div', { id: 'template-message' });
  const content = h('div');
  pageHead(root, `${t('template1')}: ${tplName}`, t('templateHelp'), h('p', {}, link('#/templates', `← ${t('templates')}`)), message, content);
  const base = `/api/templates/${enc(tplName)}`;
  let hosts: string[] = [];

  async function load(): Promise<void> {
    try {
      const [tpl, all, teams] = await Promise.all([
        get<Template>(base),
        get<TemplateRow[]>('/api/templates').catch(() => []),
        get<{ name: string }[]>('/api/teams').catch(() => []),
      ]);
      // Hosts of the bound groups, offered for test-firing.
      const groups = await Promise.all(tpl.groups.slice(0, 5).map((g) => get<{ hosts: string[] }>(`/api/groups/${enc(g)}`).catch(() => ({ hosts: [] }))));
      hosts = [...new Set(groups.flatMap((g) => g.hosts))].slice(0, 200);
      draw(tpl, all.map((x) => x.name).filter((x) => x !== tplName), teams.map((x) => x.name));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function draw(tpl: Template, others: string[], teams: string[]): void {
    const name = input('name', tpl.name, { required: true });
    const parent = select('parent', [['', '—'], ...others.map((x): [string, string] => [x, x])], tpl.parent ?? '');
    const edit = h('form', { id: 'template-edit', class: 'config-form' },
      h('div', { class: 'row' }, field('name', t('templateName'), name, t('renameHint')), field('parent', t('parent'), parent, t('parentHint'))),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit' }, t('save')),
        h('button', { type: 'button', class: 'danger', id: 'template-delete', onclick: () => void remove() }, t('deleteTemplate'))));
    edit.addEventListener('submit', (e) => {
      e.preventDefault();
      void save(edit, message, async () => {
        await api('PUT', base, { name: name.value.trim(), parent: parent.value || null });
        if (name.value.trim() !== tplName) location.hash = `#/templates/${enc(name.value.trim())}`;
        else await load();
      }, t('saved'));
    });

    const body = h('tbody');
    for (const s of tpl.strategies) body.append(strategyRow(s));
    const adding = h('div', { id: 'strategy-add' });
    const addButton = h('button', { type: 'button', id: 'strategy-new', onclick: () => {
      clear(adding, strategyForm(blankStrategy(), async (s) => {
        await api('POST', `${base}/strategies`, s);
        await load();
      }, () => clear(adding)));
    } }, t('addStrategy'));

    const inherited = (tpl.inherited ?? []).filter((x) => x.strategies.length);
    clear(content,
      edit,
      h('p', {}, `${t('boundToGroups')}: `, tpl.groups.length ? tpl.groups.flatMap((g) => [link(`#/groups/${enc(g)}`, g), ' ']) : t('noGroupsBound')),
      h('h3', {}, t('strategies')),
      h('p', { class: 'help' }, t('strategiesHelp')),
      h('table', { class: 'grid', id: 'strategies' },
        h('thead', {}, h('tr', {}, [t('metric'), t('strategyTags'), t('condition'), t('maxStep'), t('priority'), t('runWindow'), t('note'), ''].map((x) => h('th', {}, x)))),
        body.children.length ? body : h('tbody', {}, emptyRow(8))),
      addButton, adding,
      inherited.length ? [h('h3', {}, t('inherited')), ...inherited.map((x) => h('div', {},
        h('p', {}, `${t('fromTemplate')} `, link(`#/templates/${enc(x.template)}`, x.template)),
        h('table', { class: 'grid inherited' }, h('tbody', {}, x.strategies.map((s) => h('tr', {},
          h('td', {}, s.metric), h('td', {}, s.tags), h('td', {}, condition(s)), h('td', {}, s.maxStep), h('td', {}, `P${s.priority}`), h('td', {}, s.note)))))))] : null,
      h('h3', {}, t('action')),
      h('p', { class: 'help' }, t('actionHelp')),
      actionForm(tpl.action ?? blankAction(), teams, async (a) => {
        await api('PUT', `${base}/action`, a);
        await load();
        clear(message, banner('info', t('saved')));
      }, tpl.action ? async () => {
        if (!confirmed(t('removeActionQuestion'), tplName)) return;
        await api('DELETE', `${base}/action`);
        await load();
      } : undefined));
  }

  function strategyRow(s: Strategy): HTMLElement {
    const id = s.id ?? 0;
    const row = h('tr', { 'data-strategy': id, 'data-metric': s.metric },
      h('td', {}, s.metric), h('td', {}, s.tags || '—'), h('td', { class: 'mono' }, condition(s)), h('td', {}, s.maxStep), h('td', {}, `P${s.priority}`),
      h('td', {}, s.runBegin || s.runEnd ? `${s.runBegin}–${s.runEnd}` : t('allDay')), h('td', {}, s.note),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary edit', onclick: () => open('edit') }, t('edit')),
        h('button', { type: 'button', class: 'secondary test', onclick: () => open('test') }, t('testFire')),
        h('button', { type: 'button', class: 'remove', onclick: () => void removeStrategy(s) }, t('remove'))));
    const extra = h('tr', { class: 'strategy-extra', hidden: true }, h('td', { colspan: 8 }));
    function open(what: 'edit' | 'test'): void {
      extra.hidden = false;
      const cell = extra.firstElementChild as HTMLElement;
      clear(cell, what === 'test' ? testFirePanel(id, hosts) : strategyForm(s, async (changed) => {
        await api('PUT', `/api/strategies/${id}`, changed);
        await load();
      }, () => { extra.hidden = true; }));
    }
    const both = document.createDocumentFragment();
    both.append(row, extra);
    return both as unknown as HTMLElement;
  }

  async function removeStrategy(s: Strategy): Promise<void> {
    if (!confirmed(t('deleteStrategyQuestion'), `${s.metric} ${condition(s)}`)) return;
    try {
      await api('DELETE', `/api/strategies/${s.id}`);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  async function remove(): Promise<void> {
    if (!confirmed(t('deleteTemplateQuestion'), tplName)) return;
    try {
      await api('DELETE', base);
      location.hash = '#/templates';
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}
