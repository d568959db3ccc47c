import { get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { enc, link, pageHead } from '../../form';
import { t } from '../../i18n';

interface TreeGroup {
  name: string;
  hosts: string[];
  alarms: number;
}

interface TreeNode {
  name: string;
  path: string;
  children: TreeNode[];
  groups: TreeGroup[];
  alarms: number;
}

const UNTAGGED = '~untagged';
const SHOWN_HOSTS = 30;

// The home page: host groups arranged by their tags (`shop/payments/db`) as a tree; each node counts the open alarms
// of the hosts under it. Which nodes are folded is kept for the browser session, so a refresh keeps the view.
export function treePage(root: HTMLElement, _session: Session): () => void {
  const tree = h('div', { id: 'service-tree', class: 'tree' });
  const message = h('div');
  const filter = h('input', { name: 'q', placeholder: 'payments', type: 'search' }) as HTMLInputElement;
  pageHead(root, t('tree'), t('treeHelp'),
    h('p', {}, link('#/alarms', t('toAlarms')), ' · ', link('#/groups', t('groups'))),
    h('div', { class: 'filters' }, h('label', {}, t('filter'), filter)), message, tree);
  const folded = new Set<string>(JSON.parse(sessionStorage.getItem('falcon.tree.folded') ?? '[]') as string[]);
  let data: TreeNode | null = null;
  let stopped = false;
  let timer = 0;
  filter.addEventListener('input', draw);

  async function load(): Promise<void> {
    try {
      data = await get<TreeNode>('/api/tree');
      clear(message);
      draw();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
    if (!stopped) timer = window.setTimeout(() => void load(), 15000);
  }

  function draw(): void {
    if (!data) return;
    const q = filter.value.trim().toLowerCase();
    const top = [...(data.children ?? [])];
    if (data.groups?.length) top.push({ name: UNTAGGED, path: UNTAGGED, children: [], groups: data.groups, alarms: 0 });
    const shown = top.map((n) => node(n, q)).filter((n): n is HTMLElement => n !== null);
    clear(tree, shown.length ? h('ul', {}, shown) : h('p', { class: 'empty' }, t('treeEmpty')));
  }

  function matches(n: TreeNode, q: string): boolean {
    if (!q) return true;
    return n.path.toLowerCase().includes(q) || (n.groups ?? []).some((g) => g.name.toLowerCase().includes(q) || g.hosts.some((x) => x.toLowerCase().includes(q)))
      || (n.children ?? []).some((c) => matches(c, q));
  }

  function node(n: TreeNode, q: string): HTMLElement | null {
    if (!matches(n, q)) return null;
    const details = h('details', { 'data-path': n.path }) as HTMLDetailsElement;
    details.open = q.length > 0 || !folded.has(n.path);
    details.addEventListener('toggle', () => {
      if (q) return;
      if (details.open) folded.delete(n.path);
      else folded.add(n.path);
      sessionStorage.setItem('falcon.tree.folded', JSON.stringify([...folded]));
    });
    const label = n.path === UNTAGGED ? t('untagged') : n.name;
    details.append(
      h('summary', {}, h('span', { class: 'node-name' }, label), alarmBadge(n.alarms)),
      h('ul', {},
        (n.groups ?? []).map((g) => h('li', { class: 'tree-group', 'data-group': g.name },
          h('span', { class: 'kind' }, t('group1')), link(`#/groups/${enc(g.name)}`, g.name), alarmBadge(g.alarms),
          h('div', { class: 'tree-hosts' },
            g.hosts.slice(0, SHOWN_HOSTS).map((x) => link(`#/hosts/${enc(x)}`, x)),
            g.hosts.length > SHOWN_HOSTS ? h('span', { class: 'more' }, `+${g.hosts.length - SHOWN_HOSTS}`) : null,
            g.hosts.length === 0 ? h('span', { class: 'empty' }, t('noHosts')) : null))),
        (n.children ?? []).map((c) => node(c, q))));
    return h('li', {}, details);
  }

  function alarmBadge(count: number): HTMLElement {
    return count > 0
      ? h('a', { class: 'alarm-count', href: '#/alarms', title: t('openAlarms') }, `${count} ${t('alarmsShort')}`)
      : h('span', { class: 'alarm-count none' }, '0');
  }

  void load();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
