import { h } from '../../dom';
import { checkbox, field, flag, input, names, showError } from '../../form';
import { t } from '../../i18n';

export interface Escalation {
  afterMinutes: number;
  teams: string[];
}

export interface Action {
  teams: string[];
  url: string;
  callback: boolean;
  beforeCallbackSms: boolean;
  beforeCallbackMail: boolean;
  afterCallbackSms: boolean;
  afterCallbackMail: boolean;
  phone: boolean;
  im: boolean;
  groupChat: boolean;
  groupChats: string[];
  escalations: Escalation[];
}

export function blankAction(): Action {
  return {
    teams: [], url: '', callback: false, beforeCallbackSms: false, beforeCallbackMail: false, afterCallbackSms: false, afterCallbackMail: false,
    phone: true, im: true, groupChat: true, groupChats: [], escalations: [],
  };
}

/**
 * Whom an alarm notifies and how: teams, an optional callback URL, channel switches, IM group chats and escalation
 * steps (after N minutes unacknowledged, the next teams). `onRemove` is offered when the action exists.
 */
export function actionForm(initial: Action, teamNames: string[], onSave: (a: Action) => Promise<void>, onRemove?: () => Promise<void>): HTMLElement {
  const teams = input('teams', initial.teams.join(', '), { placeholder: 'ops, dba', list: 'action-teams' });
  const url = input('url', initial.url, { placeholder: 'https://hooks.example.com/falcon', size: 40 });
  const box = (name: keyof Action) => checkbox(name, initial[name] as boolean);
  const callback = box('callback');
  const flags = (['beforeCallbackSms', 'beforeCallbackMail', 'afterCallbackSms', 'afterCallbackMail'] as const).map((k) => [k, box(k)] as const);
  const phone = box('phone');
  const im = box('im');
  const groupChat = box('groupChat');
  const groupChats = input('groupChats', initial.groupChats.join(', '), { placeholder: 'chat-ops-oncall' });
  const steps = h('div', { class: 'escalations' });
  const message = h('div');

  function stepRow(s: Escalation): HTMLElement {
    const i = steps.children.length;
    const minutes = input('afterMinutes', s.afterMinutes, { type: 'number', min: 1, size: 5 });
    const stepTeams = input('teams', s.teams.join(', '), { placeholder: 'sre', list: 'action-teams' });
    const row = h('div', { class: 'row escalation' },
      field(`escalations[${i}].afterMinutes`, t('afterMinutes'), minutes),
      field(`escalations[${i}].teams`, t('escalateTo'), stepTeams),
      h('button', { type: 'button', class: 'remove', onclick: () => row.remove() }, t('remove')));
    return row;
  }
  for (const s of initial.escalations) steps.append(stepRow(s));

  const form = h('form', { class: 'config-form action-form', id: 'action-form' },
    h('datalist', { id: 'action-teams' }, teamNames.map((n) => h('option', { value: n }))),
    field('teams', t('actionTeams'), teams, t('actionTeamsHint')),
    h('div', { class: 'row' },
      flag('phone', t('phone'), phone, t('phoneHint')),
      flag('im', t('im'), im, t('imHint')),
      flag('groupChat', t('groupChat'), groupChat, t('groupChatHint'))),
    field('groupChats', t('groupChats'), groupChats, t('groupChatsHint')),
    field('url', t('callbackUrl'), url, t('callbackHint')),
    h('div', { class: 'row' },
      flag('callback', t('callbackOn'), callback),
      ...flags.map(([k, b]) => flag(k, t(k), b))),
    h('h4', {}, t('escalations')),
    h('p', { class: 'hint' }, t('escalationsHint')),
    steps,
    h('button', { type: 'button', class: 'secondary', id: 'add-escalation', onclick: () => steps.append(stepRow({ afterMinutes: 30, teams: [] })) }, t('addStep')),
    message,
    h('div', { class: 'buttons' },
      h('button', { type: 'submit' }, t('saveAction')),
      onRemove ? h('button', { type: 'button', class: 'danger', onclick: () => void onRemove().catch((e) => showError(form, message, e)) }, t('removeAction')) : null));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const a: Action = {
      teams: names(teams.value), url: url.value.trim(), callback: callback.checked,
      beforeCallbackSms: flags[0][1].checked, beforeCallbackMail: flags[1][1].checked, afterCallbackSms: flags[2][1].checked, afterCallbackMail: flags[3][1].checked,
      phone: phone.checked, im: im.checked, groupChat: groupChat.checked, groupChats: names(groupChats.value),
      escalations: [...steps.querySelectorAll('.escalation')].map((row) => ({
        afterMinutes: Number((row.querySelector('input[name=afterMinutes]') as HTMLInputElement).value),
        teams: names((row.querySelector('input[name=teams]') as HTMLInputElement).value),
      })),
    };
    void onSave(a).catch((err) => showError(form, message, err));
  });
  return form;
}
