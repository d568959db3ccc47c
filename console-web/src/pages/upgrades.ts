import { api, get, type Session } from '../api';
import { banner, clear, h, time } from '../dom';
import { t } from '../i18n';

// hbs's GET /agent/upgrade/status; fields hbs adds later are shown in the failed hosts table as they come.
interface UpgradeStatus {
  state: string;
  version: string;
  phase: string;
  reason?: string | null;
  created: number;
  maxConcurrent: number;
  done: number;
  inFlight: number;
  failed: number;
  remaining: number;
  canaryWaiting?: number;
  failedHosts?: Record<string, unknown>[];
  [extra: string]: unknown;
}

export function upgradesPage(root: HTMLElement, session: Session): () => void {
  const message = h('div', { id: 'upgrade-message' });
  const status = h('div', { id: 'upgrade-status' });
  const version = h('input', { name: 'version', required: true, placeholder: '7.1.0' }) as HTMLInputElement;
  const url = h('input', { name: 'wgeturl', required: true, placeholder: 'http://dl.example/falcon' }) as HTMLInputElement;
  const md5 = h('input', { name: 'binfile_md5', placeholder: 'md5' }) as HTMLInputElement;
  const sha = h('input', { name: 'binfile_sha256', placeholder: 'sha256' }) as HTMLInputElement;
  const admin = session.admin
    ? h('form', { class: 'filters', id: 'upgrade-push' },
        h('label', {}, 'version', version), h('label', {}, 'wgeturl', url), h('label', {}, 'binfile_md5', md5), h('label', {}, 'binfile_sha256', sha),
        h('button', { type: 'submit' }, t('push')),
        h('button', { type: 'button', id: 'upgrade-pause', hidden: true, onclick: () => void act('POST', '/api/upgrade/pause') }, t('pause')),
        h('button', { type: 'button', id: 'upgrade-resume', hidden: true, onclick: () => void act('POST', '/api/upgrade/resume') }, t('resume')),
        h('button', { type: 'button', id: 'upgrade-cancel', class: 'danger', onclick: () => void act('DELETE', '/api/upgrade') }, t('cancel')))
    : h('p', { class: 'help' }, t('adminsOnly'));
  admin.addEventListener('submit', (e) => {
    e.preventDefault();
    void act('POST', '/api/upgrade', { type: 0, version: version.value.trim(), wgeturl: url.value.trim(), binfile_md5: md5.value.trim(), binfile_sha256: sha.value.trim() || undefined });
  });
  clear(root, h('h2', {}, t('upgrades')), h('p', { class: 'help' }, t('upgradesHelp')), message, status, admin);

  let stopped = false;
  let timer = 0;

  async function act(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await api(method, path, body);
      clear(message);
      window.clearTimeout(timer);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  // Pause while the task runs, resume while it is paused (by hand or on failures); neither otherwise.
  function buttons(state: string): void {
    const pause = admin.querySelector<HTMLButtonElement>('#upgrade-pause');
    const resume = admin.querySelector<HTMLButtonElement>('#upgrade-resume');
    if (pause) pause.hidden = state !== 'running';
    if (resume) resume.hidden = state !== 'paused';
  }

  function draw(s: UpgradeStatus): void {
    buttons(s?.state ?? 'none');
    if (!s || s.state === 'none') {
      clear(status, h('p', { class: 'empty' }, t('noTask')));
      return;
    }
    const parts: [string, number][] = [['done', s.done], ['inFlight', s.inFlight], ['failed', s.failed], ['remaining', s.remaining]];
    const total = Math.max(1, parts.reduce((n, [, v]) => n + (v ?? 0), 0));
    const failed = s.failedHosts ?? [];
    const columns = [...new Set(failed.flatMap((f) => Object.keys(f)))];
    clear(status,
      h('p', { id: 'upgrade-state', 'data-state': s.state }, h('strong', {}, `${s.version}`), ` · ${s.state}${s.phase ? ` · ${s.phase}` : ''} · ${time(s.created)}`, s.reason ? h('span', { class: 'badge' }, s.reason) : null),
      h('div', { class: 'progress', id: 'upgrade-progress', role: 'progressbar', 'aria-valuenow': s.done, 'aria-valuemax': total, 'data-done': s.done, 'data-total': total },
        parts.map(([k, v]) => h('div', { class: `bar ${k}`, style: `width:${(100 * (v ?? 0)) / total}%`, title: `${t(k as never)} ${v}` }))),
      h('p', { class: 'legend' }, parts.map(([k, v]) => h('span', { class: `key ${k}` }, `${t(k as never)}: ${v ?? 0}`))),
      failed.length
        ? h('table', { class: 'grid', id: 'upgrade-failed' },
            h('thead', {}, h('tr', {}, columns.map((c) => h('th', {}, c === 'error' ? t('reason') : c)))),
            h('tbody', {}, failed.map((f) => h('tr', {}, columns.map((c) => h('td', {}, c.endsWith('At') && typeof f[c] === 'number' ? time(f[c] as number) : String(f[c] ?? '')))))))
        : null);
  }

  async function load(): Promise<void> {
    try {
      const s = await get<UpgradeStatus | { data: UpgradeStatus }>('/api/upgrade');
      if (stopped) return;
      draw('data' in s && s.data ? (s.data as UpgradeStatus) : (s as UpgradeStatus));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
    if (!stopped) timer = window.setTimeout(() => void load(), 2000);
  }

  void load();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
