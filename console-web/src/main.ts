import './style.css';
import 'uplot/dist/uPlot.min.css';
import { api, ApiError, get, setCsrf, type Session } from './api';
import { banner, clear, h } from './dom';
import { language, setLanguage, t, type TextKey } from './i18n';
import { alarmsPage, prefetchAlarms } from './pages/alarms';
import { silencesPage } from './pages/silences';
import { agentsPage } from './pages/agents';
import { upgradesPage } from './pages/upgrades';
import { hostsPage } from './pages/hosts';
import { treePage } from './pages/config/tree';
import { groupsPage } from './pages/config/groups';
import { templatesPage } from './pages/config/templates';
import { expressionsPage } from './pages/config/expressions';
import { aggregatesPage } from './pages/config/aggregates';
import { mePage, teamsPage, usersPage } from './pages/config/people';
import { historyPage } from './pages/config/history';

// A page draws into its element and returns what stops its polling when the user leaves it.
export type Page = (root: HTMLElement, session: Session, arg: string) => () => void;

// The home page (`#/`) is the service tree; the alarms are one click away.
const pages: Record<string, Page> = {
  tree: treePage,
  alarms: alarmsPage,
  silences: silencesPage,
  agents: agentsPage,
  upgrades: upgradesPage,
  hosts: hostsPage,
};

// The configuration pages (`#/groups/<name>` and `#/templates/<name>` open one object).
const configuration: Record<string, Page> = {
  groups: groupsPage,
  templates: templatesPage,
  expressions: expressionsPage,
  aggregates: aggregatesPage,
  teams: teamsPage,
  users: usersPage,
  history: historyPage,
};
const hidden: Record<string, Page> = { me: mePage };

const app = document.getElementById('app')!;
let stop: () => void = () => {};
let session: Session | null = null;
document.documentElement.lang = language() === 'zh' ? 'zh-CN' : 'en';

async function start(): Promise<void> {
  const [, first = ''] = location.hash.split('/');
  if (first === 'alarms') prefetchAlarms();
  try {
    session = await get<Session>('/api/session');
    setCsrf(session.csrf);
    route();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) signInPage();
    else clear(app, banner('error', String((e as Error).message)));
  }
}

function signInPage(message?: string): void {
  stop();
  document.title = `${t('signIn')} · ${t('title')}`;
  const name = h('input', { name: 'name', autocomplete: 'username', required: true, autofocus: true }) as HTMLInputElement;
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true }) as HTMLInputElement;
  const error = h('div', { id: 'signin-error' });
  if (message) error.append(banner('error', message));
  const form = h('form', { class: 'signin', id: 'signin' },
    h('h1', {}, t('title')),
    h('p', { class: 'help' }, t('signInHelp')),
    h('label', {}, t('user'), name),
    h('label', {}, t('password'), password),
    error,
    h('button', { type: 'submit' }, t('signIn')),
    languageSwitch(() => signInPage()));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      session = await api<Session>('POST', '/api/login', { name: name.value, password: password.value });
      setCsrf(session.csrf);
      route();
    } catch (err) {
      clear(error, banner('error', (err as Error).message));
    }
  });
  clear(app, form);
}

function languageSwitch(redraw: () => void): HTMLElement {
  const select = h('select', { class: 'lang', 'aria-label': 'language / 语言' },
    h('option', { value: 'en' }, 'English'), h('option', { value: 'zh' }, '中文')) as HTMLSelectElement;
  select.value = language();
  select.addEventListener('change', () => {
    setLanguage(select.value as 'en' | 'zh');
    redraw();
  });
  return select;
}

function route(): void {
  if (!session) return signInPage();
  stop();
  let [, name = 'tree', arg = ''] = location.hash.split('/').map(decodeURIComponent);
  // Links of part 1 pointed at `#/config/<page>`.
  if (name === 'config') [name, arg] = [arg || 'groups', ''];
  if (!name) name = 'tree';
  const main = h('main', { id: 'page' });
  const entry = (key: string) => h('a', { href: key === 'tree' ? '#/' : `#/${key}`, class: key === name ? 'active' : '' }, t(key as TextKey));
  const nav = h('nav', {},
    h('span', { class: 'group' }, t('navMonitoring')),
    ...Object.keys(pages).map(entry),
    h('span', { class: 'group' }, t('navConfiguration')),
    ...Object.keys(configuration).map(entry));
  const header = h('header', {},
    h('strong', {}, t('title')),
    nav,
    h('a', { class: 'who', href: '#/me', title: t('me') }, session.name, session.admin ? ' (admin)' : ''),
    languageSwitch(route),
    h('button', { class: 'link', id: 'signout', onclick: signOut }, t('signOut')));
  clear(app, header, main);
  const known: Page | undefined = pages[name] ?? configuration[name] ?? hidden[name];
  if (!known) name = 'tree';
  document.title = `${t(name as TextKey)} · ${t('title')}`;
  stop = (known ?? treePage)(main, session, arg);
}

async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/logout');
  } finally {
    session = null;
    location.hash = '';
    signInPage();
  }
}

// A call that finds the session gone (expired, signed out elsewhere) brings the sign-in form back.
window.addEventListener('falcon:unauthorized', () => {
  session = null;
  signInPage();
});
window.addEventListener('hashchange', route);
void start();
