import { api, get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { confirmed, emptyRow, enc, field, input, link, names, pageHead, save, showError } from '../../form';
import { t } from '../../i18n';

interface GroupRow {
  name: string;
  creator: string;
  tags: string[];
  hosts: number;
  templates: string[];
}

interface Group {
  name: string;
  creator: string;
  tags: string[];
  hosts: string[];
  templates: string[];
}

/** `#/groups` lists and creates host groups; `#/groups/<name>` edits one. */
export function groupsPage(root: HTMLElement, session: Session, arg: string): () => void {
  if (arg) return groupPage(root, session, arg);
  const body = h('tbody');
  const message = h('div');
  const q = h('input', { name: 'q', type: 'search', placeholder: 'web' }) as HTMLInputElement;
  const name = input('name', '', { required: true, placeholder: 'shop-web' });
  const tags = input('tags', '', { placeholder: 'shop/web, shop/frontend' });
  const form = h('form', { id: 'group-create', class: 'config-form' },
    field('name', t('groupName'), name, t('groupNameHint')),
    field('tags', t('tags'), tags, t('groupTagsHint')),
    h('button', { type: 'submit' }, t('create')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(form, message, async () => {
      await api('POST', '/api/groups', { name: name.value.trim(), tags: names(tags.value) });
      location.hash = `#/groups/${enc(name.value.trim())}`;
    });
  });
  q.addEventListener('input', () => void load());
  pageHead(root, t('groups'), t('groupsHelp'),
    h('div', { class: 'filters' }, h('label', {}, t('search'), q)),
    h('table', { class: 'grid', id: 'groups' },
      h('thead', {}, h('tr', {}, [t('groupName'), t('tags'), t('hostCount'), t('templates'), t('creator')].map((x) => h('th', {}, x)))), body),
    h('h3', {}, t('createGroup')), message, form);

  async function load(): Promise<void> {
    try {
      const list = await get<GroupRow[]>(`/api/groups?q=${enc(q.value.trim())}`);
      clear(body, list.length ? list.map((g) => h('tr', { 'data-group': g.name },
        h('td', {}, link(`#/groups/${enc(g.name)}`, g.name)), h('td', {}, g.tags.join(', ')), h('td', {}, g.hosts),
        h('td', {}, g.templates.map((x) => link(`#/templates/${enc(x)}`, x))), h('td', {}, g.creator))) : emptyRow(5));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }
  void load();
  return () => {};
}

function groupPage(root: HTMLElement, _session: Session, groupName: string): () => void {
  const message = h('div', { id: 'group-message' });
  const content = h('div');
  pageHead(root, `${t('group1')}: ${groupName}`, t('groupHelp'), h('p', {}, link('#/groups', `← ${t('groups')}`)), message, content);

  async function load(): Promise<void> {
    try {
      const [group, templates] = await Promise.all([
        get<Group>(`/api/groups/${enc(groupName)}`),
        get<{ name: string }[]>('/api/templates').catch(() => []),
      ]);
      draw(group, templates.map((x) => x.name));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function draw(group: Group, allTemplates: string[]): void {
    // Name and tags.
    const name = input('name', group.name, { required: true });
    const tags = input('tags', group.tags.join(', '));
    const edit = h('form', { id: 'group-edit', class: 'config-form' },
      field('name', t('groupName'), name, t('renameHint')),
      field('tags', t('tags'), tags, t('groupTagsHint')),
      h('div', { class: 'buttons' },
        h('button', { type: 'submit' }, t('save')),
        h('button', { type: 'button', class: 'danger', id: 'group-delete', onclick: () => void remove() }, t('deleteGroup'))));
    edit.addEventListener('submit', (e) => {
      e.preventDefault();
      void save(edit, message, async () => {
        await api('PUT', `/api/groups/${enc(groupName)}`, { name: name.value.trim(), tags: names(tags.value) });
        if (name.value.trim() !== groupName) location.hash = `#/groups/${enc(name.value.trim())}`;
        else await load();
      }, t('saved'));
    });

    // Hosts: add by names or pattern, remove one by one.
    const hostNames = h('textarea', { name: 'hosts', rows: 2, placeholder: 'web-1 web-2' }) as HTMLTextAreaElement;
    const pattern = input('pattern', '', { placeholder: 'web-*' });
    const hostResult = h('div', { id: 'host-result' });
    const addHosts = h('form', { id: 'group-hosts', class: 'config-form' },
      field('hosts', t('hostNames'), hostNames, t('hostNamesHint')),
      field('pattern', t('pattern'), pattern, t('patternHint')),
      h('button', { type: 'submit' }, t('addHosts')), hostResult);
    addHosts.addEventListener('submit', (e) => {
      e.preventDefault();
      void (async () => {
        try {
          const r = await api<{ added?: string[]; already?: string[] }>('POST', `/api/groups/${enc(groupName)}/hosts`,
            { hosts: names(hostNames.value), pattern: pattern.value.trim() });
          await load();
          clear(message, banner('info', `${t('added')}: ${(r.added ?? []).join(', ') || '—'} · ${t('already')}: ${(r.already ?? []).join(', ') || '—'}`));
        } catch (err) {
          showError(addHosts, hostResult, err);
        }
      })();
    });
    const hostRows = group.hosts.length
      ? group.hosts.map((x) => h('tr', { 'data-host': x }, h('td', {}, link(`#/hosts/${enc(x)}`, x)),
        h('td', {}, h('button', { type: 'button', class: 'remove', onclick: () => void removeHost(x) }, t('remove')))))
      : [emptyRow(2, t('noHosts'))];

    // Templates bound to the group.
    const bind = h('select', { name: 'template' }, allTemplates.filter((x) => !group.templates.includes(x)).map((x) => h('option', { value: x }, x))) as HTMLSelectElement;
    const bindForm = h('form', { id: 'group-bind', class: 'filters' }, h('label', {}, t('template1'), bind), h('button', { type: 'submit' }, t('bind')));
    bindForm.addEventListener('submit', (e) => {
      e.preventDefault();
      if (bind.value) void call('PUT', `/api/groups/${enc(groupName)}/templates/${enc(bind.value)}`);
    });

    clear(content,
      edit,
      h('h3', {}, `${t('hostsOfGroup')} (${group.hosts.length})`),
      h('table', { class: 'grid narrow', id: 'group-host-list' }, h('tbody', {}, hostRows)),
      addHosts,
      h('h3', {}, t('boundTemplates')),
      h('p', { class: 'help' }, t('bindHelp')),
      h('table', { class: 'grid narrow', id: 'group-templates' }, h('tbody', {},
        group.templates.length ? group.templates.map((x) => h('tr', { 'data-template': x }, h('td', {}, link(`#/templates/${enc(x)}`, x)),
          h('td', {}, h('button', { type: 'button', class: 'remove', onclick: () => void call('DELETE', `/api/groups/${enc(groupName)}/templates/${enc(x)}`) }, t('unbind')))))
          : [emptyRow(2)])),
      bindForm);
  }

  async function call(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await api(method, path, body);
      clear(message);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function removeHost(x: string): Promise<void> {
    return call('POST', `/api/groups/${enc(groupName)}/hosts/remove`, { hosts: [x] });
  }

  async function remove(): Promise<void> {
    if (!confirmed(t('deleteGroupQuestion'), groupName)) return;
    try {
      await api('DELETE', `/api/groups/${enc(groupName)}`);
      location.hash = '#/groups';
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}
