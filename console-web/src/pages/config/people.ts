import { api, get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { confirmed, emptyRow, enc, field, input, names, pageHead, save, select } from '../../form';
import { t } from '../../i18n';

interface Team {
  name: string;
  resume: string;
  members: string[];
  creator?: string;
}

interface User {
  name: string;
  cnname: string;
  email: string;
  phone: string;
  im: string;
  qq: string;
  role: number;
  teams: string[];
  localPassword?: boolean;
}

const CONTACT = ['cnname', 'email', 'phone', 'im', 'qq'] as const;

/** Teams: whom an action notifies. Anybody creates one; its creator or an admin edits it. */
export function teamsPage(root: HTMLElement, _session: Session): () => void {
  const body = h('tbody');
  const message = h('div', { id: 'teams-message' });
  const editor = h('div', { id: 'team-editor' });
  pageHead(root, t('teams'), t('teamsHelp'),
    h('table', { class: 'grid', id: 'teams' },
      h('thead', {}, h('tr', {}, [t('teamName'), t('teamResume'), t('members'), ''].map((x) => h('th', {}, x)))), body),
    h('button', { type: 'button', id: 'team-new', onclick: () => edit(null) }, t('createTeam')), message, editor);

  async function load(): Promise<void> {
    try {
      const list = await get<Team[]>('/api/teams');
      clear(body, list.length ? list.map((x) => h('tr', { 'data-team': x.name },
        h('td', {}, x.name), h('td', {}, x.resume), h('td', {}, x.members.join(', ')),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary edit', onclick: () => edit(x) }, t('edit')),
          h('button', { type: 'button', class: 'remove', onclick: () => void remove(x) }, t('remove'))))) : emptyRow(4));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function edit(team: Team | null): void {
    const name = input('name', team?.name ?? '', { required: true, placeholder: 'ops' });
    const resume = input('resume', team?.resume ?? '', { size: 40, placeholder: t('resumePlaceholder') });
    const members = h('textarea', { name: 'members', rows: 2, placeholder: 'alice, bob' }, (team?.members ?? []).join(', ')) as HTMLTextAreaElement;
    const form = h('form', { class: 'config-form', id: 'team-form' },
      h('h3', {}, team ? `${t('editTeam')}: ${team.name}` : t('createTeam')),
      field('name', t('teamName'), name, t('teamNameHint')),
      field('resume', t('teamResume'), resume),
      field('members', t('members'), members, t('membersHint')),
      h('button', { type: 'submit' }, t('save')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void save(form, message, async () => {
        const body = { name: name.value.trim(), resume: resume.value, members: names(members.value) };
        if (team) await api('PUT', `/api/teams/${enc(team.name)}`, body);
        else await api('POST', '/api/teams', body);
        clear(editor);
        await load();
      }, t('saved'));
    });
    clear(editor, form);
  }

  async function remove(team: Team): Promise<void> {
    if (!confirmed(t('deleteTeamQuestion'), team.name)) return;
    try {
      await api('DELETE', `/api/teams/${enc(team.name)}`);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}

/** Users: admins create, edit, block and delete them; everybody sees the list (to pick team members). */
export function usersPage(root: HTMLElement, session: Session): () => void {
  const body = h('tbody');
  const message = h('div', { id: 'users-message' });
  const editor = h('div', { id: 'user-editor' });
  pageHead(root, t('users'), t('usersHelp'),
    h('table', { class: 'grid', id: 'users' },
      h('thead', {}, h('tr', {}, [t('user'), 'cnname', t('email'), t('phoneNumber'), t('imId'), t('role'), t('teams'), ''].map((x) => h('th', {}, x)))), body),
    session.admin ? h('button', { type: 'button', id: 'user-new', onclick: () => edit(null) }, t('createUser')) : h('p', { class: 'hint' }, t('usersAdminOnly')),
    message, editor);

  async function load(): Promise<void> {
    try {
      const list = await get<User[]>('/api/users');
      clear(body, list.length ? list.map((u) => h('tr', { 'data-user': u.name, class: u.role < 0 ? 'dead' : '' },
        h('td', {}, [u.name, u.localPassword === false ? h('span', { class: 'badge no-password', title: t('noLocalPasswordHint') }, t('noLocalPassword')) : null]), h('td', {}, u.cnname), h('td', {}, u.email), h('td', {}, u.phone), h('td', {}, u.im), h('td', {}, roleName(u.role)),
        h('td', {}, (u.teams ?? []).join(', ')),
        h('td', { class: 'actions' }, session.admin || u.name === session.name
          ? [h('button', { type: 'button', class: 'secondary edit', onclick: () => edit(u) }, t('edit')),
            session.admin ? h('button', { type: 'button', class: 'remove', onclick: () => void remove(u) }, t('remove')) : null]
          : null))) : emptyRow(8));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function edit(user: User | null): void {
    const name = input('name', user?.name ?? '', { required: true, placeholder: 'alice', readonly: user !== null });
    const password = input('password', '', { type: 'password', autocomplete: 'new-password', required: user === null });
    const contacts = CONTACT.map((k) => [k, input(k, user?.[k] ?? '')] as const);
    const role = select('role', [['0', t('roleUser')], ['1', t('roleAdmin')], ['2', t('roleRoot')], ['-1', t('roleBlocked')]], String(user?.role ?? 0));
    const form = h('form', { class: 'config-form', id: 'user-form' },
      h('h3', {}, user ? `${t('editUser')}: ${user.name}` : t('createUser')),
      field('name', t('user'), name),
      user ? null : field('password', t('password'), password, t('passwordHint')),
      contacts.map(([k, el]) => field(k, contactLabel(k), el, contactHint(k))),
      session.admin ? field('role', t('role'), role, t('roleHint')) : null,
      h('button', { type: 'submit' }, t('save')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void save(form, message, async () => {
        const body: Record<string, unknown> = { name: name.value.trim() };
        for (const [k, el] of contacts) body[k] = el.value.trim();
        if (session.admin) body.role = Number(role.value);
        if (user) await api('PUT', `/api/users/${enc(user.name)}`, body);
        else await api('POST', '/api/users', { ...body, password: password.value });
        clear(editor);
        await load();
      }, t('saved'));
    });
    clear(editor, form, user && session.admin ? passwordForm(user.name, false) : null);
  }

  async function remove(user: User): Promise<void> {
    if (!confirmed(t('deleteUserQuestion'), user.name)) return;
    try {
      await api('DELETE', `/api/users/${enc(user.name)}`);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}

/** My own contact details: where the alarm role reaches me. */
export function mePage(root: HTMLElement, session: Session): () => void {
  const message = h('div', { id: 'me-message' });
  const content = h('div');
  pageHead(root, t('me'), t('meHelp'), message, content);
  get<User>('/api/me').then((me) => {
    const contacts = CONTACT.map((k) => [k, input(k, me[k] ?? '')] as const);
    const form = h('form', { class: 'config-form', id: 'me-form' },
      h('p', {}, `${t('user')}: `, h('strong', {}, me.name), me.teams?.length ? ` · ${t('teams')}: ${me.teams.join(', ')}` : ''),
      contacts.map(([k, el]) => field(k, contactLabel(k), el, contactHint(k))),
      h('button', { type: 'submit' }, t('save')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const body: Record<string, string> = {};
      for (const [k, el] of contacts) body[k] = el.value.trim();
      void save(form, message, () => api('PUT', '/api/me', body), t('saved'));
    });
    clear(content, form, passwordForm(session.name, true));
  }).catch((e: Error) => clear(message, banner('error', e.message)));
  return () => {};
}

function passwordForm(user: string, own: boolean): HTMLElement {
  const old = input('old', '', { type: 'password', autocomplete: 'current-password', required: true });
  const password = input('password', '', { type: 'password', autocomplete: 'new-password', required: true });
  const message = h('div');
  const form = h('form', { class: 'config-form', id: 'password-form' },
    h('h3', {}, t('changePassword')),
    own ? field('old', t('oldPassword'), old) : null,
    field('password', t('newPassword'), password, t('passwordHint')),
    message,
    h('button', { type: 'submit' }, t('changePassword')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void save(form, message, () => api('PUT', `/api/users/${enc(user)}/password`, own ? { old: old.value, password: password.value } : { password: password.value }), t('passwordChanged'));
  });
  return form;
}

function roleName(role: number): string {
  return role < 0 ? t('roleBlocked') : role === 1 ? t('roleAdmin') : role === 2 ? t('roleRoot') : t('roleUser');
}

function contactLabel(k: (typeof CONTACT)[number]): string {
  return { cnname: t('cnname'), email: t('email'), phone: t('phoneNumber'), im: t('imId'), qq: 'QQ' }[k];
}

function contactHint(k: (typeof CONTACT)[number]): string | undefined {
  return k === 'im' ? t('imIdHint') : k === 'phone' ? t('phoneNumberHint') : undefined;
}
