import { get, type Session } from '../api';
import { ago, banner, clear, h, time } from '../dom';
import { t } from '../i18n';

interface AgentRow {
  hostname: string;
  ip: string;
  agentVersion: string;
  pluginVersion: string;
  lastHeartbeat: number;
  upgrading: boolean;
  dead: boolean;
  groups: string[];
  // null when no `datacenters` are configured (the column is then left out), '' when the map does not know the host.
  datacenter?: string | null;
}

export function agentsPage(root: HTMLElement, _session: Session): () => void {
  const filter = h('input', { name: 'filter', type: 'search', placeholder: 'web- / 1.2.3 / group / dc' }) as HTMLInputElement;
  const onlyDead = h('input', { type: 'checkbox', name: 'dead' }) as HTMLInputElement;
  const summary = h('p', { id: 'agents-summary' });
  const message = h('div');
  const body = h('tbody');
  const head = h('thead');
  clear(root, h('h2', {}, t('agents')), h('p', { class: 'help' }, t('agentsHelp')),
    h('div', { class: 'filters' }, h('label', {}, t('filter'), filter), h('label', { class: 'inline' }, onlyDead, t('onlyDead'))),
    summary, message,
    h('table', { id: 'agents', class: 'grid' }, head, body));

  let rows: AgentRow[] = [];
  let stopped = false;
  let timer = 0;

  function draw(): void {
    const datacenters = rows.some((r) => typeof r.datacenter === 'string');
    const columns = ['hostname', 'status', 'version', 'plugins', 'lastHeartbeat', ...(datacenters ? ['datacenter'] : []), 'group'];
    clear(head, h('tr', {}, columns.map((k) => h('th', {}, t(k as never)))));
    const needle = filter.value.trim().toLowerCase();
    const shown = rows
      .filter((r) => !onlyDead.checked || r.dead)
      .filter((r) => !needle || [r.hostname, r.ip, r.agentVersion, r.datacenter ?? '', ...r.groups].some((v) => v.toLowerCase().includes(needle)))
      .sort((a, b) => Number(b.dead) - Number(a.dead) || a.hostname.localeCompare(b.hostname));
    const dead = rows.filter((r) => r.dead).length;
    clear(summary, `${rows.length} · ${t('alive')} ${rows.length - dead} · ${t('dead')} ${dead}`);
    clear(body, shown.map((r) => h('tr', { 'data-host': r.hostname, class: r.dead ? 'dead' : '' },
      h('td', {}, h('a', { href: `#/hosts/${encodeURIComponent(r.hostname)}` }, r.hostname), h('div', { class: 'cond' }, r.ip)),
      h('td', { class: 'state' }, r.dead ? t('dead') : t('alive'), r.upgrading ? ' ⟳' : ''),
      h('td', {}, r.agentVersion || '—'),
      h('td', {}, r.pluginVersion || '—'),
      h('td', { title: time(r.lastHeartbeat) }, r.lastHeartbeat ? `${ago(r.lastHeartbeat)} · ${time(r.lastHeartbeat)}` : '—'),
      datacenters ? h('td', { class: 'datacenter' }, r.datacenter || '—') : null,
      h('td', {}, r.groups.join(', ')))));
  }

  async function load(): Promise<void> {
    try {
      rows = await get<AgentRow[]>('/api/agents');
      if (stopped) return;
      clear(message);
      draw();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
    if (!stopped) timer = window.setTimeout(() => void load(), 15000);
  }

  filter.addEventListener('input', draw);
  onlyDead.addEventListener('change', draw);
  void load();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
