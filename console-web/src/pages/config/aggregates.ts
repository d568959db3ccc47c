import { api, get, type Session } from '../../api';
import { banner, clear, h } from '../../dom';
import { checkbox, confirmed, emptyRow, enc, field, flag, input, names, pageHead, save, select } from '../../form';
import { t } from '../../i18n';

interface Aggregate {
  name: string;
  targetKind: string;
  target: string;
  counter: string;
  methods: string[];
  endpoint: string;
  metric: string;
  tags: string;
  step: number;
  enabled: boolean;
}

/** The aggregator role's aggregates: one series computed from a counter over the hosts of a group. */
export function aggregatesPage(root: HTMLElement, _session: Session): () => void {
  const body = h('tbody');
  const message = h('div', { id: 'aggregates-message' });
  const editor = h('div', { id: 'aggregate-editor' });
  pageHead(root, t('aggregates'), t('aggregatesHelp'),
    h('table', { class: 'grid', id: 'aggregates' },
      h('thead', {}, h('tr', {}, [t('aggregateName'), t('target'), t('counter1'), t('methods'), t('endpoint'), t('metric'), t('stepSeconds'), ''].map((x) => h('th', {}, x)))), body),
    h('button', { type: 'button', id: 'aggregate-new', onclick: () => edit(null) }, t('createAggregate')), message, editor);

  async function load(): Promise<void> {
    try {
      const list = await get<Aggregate[]>('/api/aggregates');
      clear(body, list.length ? list.map((x) => h('tr', { 'data-aggregate': x.name, class: x.enabled ? '' : 'ok' },
        h('td', {}, x.name), h('td', {}, `${x.targetKind}: ${x.target}`), h('td', { class: 'mono' }, x.counter), h('td', {}, x.methods.join(', ')),
        h('td', {}, x.endpoint), h('td', {}, x.metric, x.tags ? `/${x.tags}` : ''), h('td', {}, x.step),
        h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary edit', onclick: () => edit(x) }, t('edit')),
          h('button', { type: 'button', class: 'remove', onclick: () => void remove(x) }, t('remove'))))) : emptyRow(8));
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  function edit(x: Aggregate | null): void {
    const name = input('name', x?.name ?? '', { required: true, placeholder: 'web-cpu' });
    const targetKind = select('targetKind', [['falcon_group', t('targetGroup')]], x?.targetKind ?? 'falcon_group');
    const target = input('target', x?.target ?? '', { required: true, placeholder: 'shop-web' });
    const counter = input('counter', x?.counter ?? '', { required: true, size: 40, placeholder: 'cpu.idle' });
    const methods = input('methods', (x?.methods ?? ['avg']).join(', '), { placeholder: 'sum, avg, max, min, count' });
    const endpoint = input('endpoint', x?.endpoint ?? '', { required: true, placeholder: 'shop-web' });
    const metric = input('metric', x?.metric ?? '', { required: true, placeholder: 'cpu.idle.avg' });
    const tags = input('tags', x?.tags ?? '', { placeholder: 'pool=web' });
    const step = input('step', x?.step ?? 60, { type: 'number' });
    const enabled = checkbox('enabled', x?.enabled ?? true);
    const form = h('form', { class: 'config-form', id: 'aggregate-form' },
      h('h3', {}, x ? `${t('edit')}: ${x.name}` : t('createAggregate')),
      field('name', t('aggregateName'), name),
      h('div', { class: 'row' }, field('targetKind', t('targetKind'), targetKind), field('target', t('target'), target, t('targetHint'))),
      field('counter', t('counter1'), counter, t('aggCounterHint')),
      field('methods', t('methods'), methods, t('methodsHint')),
      h('div', { class: 'row' }, field('endpoint', t('endpoint'), endpoint, t('aggEndpointHint')), field('metric', t('metric'), metric), field('tags', t('strategyTags'), tags)),
      field('step', t('stepSeconds'), step, t('stepHint')),
      flag('enabled', t('enabled'), enabled),
      h('button', { type: 'submit' }, t('save')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const a: Aggregate = {
        name: name.value.trim(), targetKind: targetKind.value, target: target.value.trim(), counter: counter.value.trim(), methods: names(methods.value),
        endpoint: endpoint.value.trim(), metric: metric.value.trim(), tags: tags.value.trim(), step: Number(step.value), enabled: enabled.checked,
      };
      void save(form, message, async () => {
        if (x) await api('PUT', `/api/aggregates/${enc(x.name)}`, a);
        else await api('POST', '/api/aggregates', a);
        clear(editor);
        await load();
      }, t('saved'));
    });
    clear(editor, form);
  }

  async function remove(x: Aggregate): Promise<void> {
    if (!confirmed(t('deleteAggregateQuestion'), x.name)) return;
    try {
      await api('DELETE', `/api/aggregates/${enc(x.name)}`);
      await load();
    } catch (e) {
      clear(message, banner('error', (e as Error).message));
    }
  }

  void load();
  return () => {};
}
