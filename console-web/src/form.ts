// Form pieces shared by the configuration pages: a labelled field with its explanation and a place for the API's
// error about it, and the handling of `{msg, field}` answers (the message goes on the field, not on top of the page).
import { ApiError } from './api';
import { banner, clear, h } from './dom';
import { t } from './i18n';

export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/** A text input named after the JSON property it edits. */
export function input(name: string, value: string | number = '', attrs: Record<string, string | number | boolean> = {}): HTMLInputElement {
  return h('input', { name, value: String(value), ...attrs }) as HTMLInputElement;
}

export function checkbox(name: string, checked: boolean): HTMLInputElement {
  const box = h('input', { name, type: 'checkbox' }) as HTMLInputElement;
  box.checked = checked;
  return box;
}

export function select(name: string, options: [string, string][], value: string): HTMLSelectElement {
  const el = h('select', { name }, options.map(([v, label]) => h('option', { value: v }, label))) as HTMLSelectElement;
  el.value = value;
  return el;
}

/** A labelled control with its explanation underneath; `data-field` is the JSON property the API names in errors. */
export function field(name: string, label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field', 'data-field': name },
    h('label', {}, h('span', { class: 'label' }, label), control),
    hint ? h('div', { class: 'hint' }, hint) : null,
    h('div', { class: 'field-error', role: 'alert' }));
}

/** A checkbox with its label on the right. */
export function flag(name: string, label: string, box: HTMLInputElement, hint?: string): HTMLElement {
  return h('div', { class: 'field flag', 'data-field': name },
    h('label', { class: 'inline' }, box, label),
    hint ? h('div', { class: 'hint' }, hint) : null,
    h('div', { class: 'field-error', role: 'alert' }));
}

export function clearErrors(form: HTMLElement): void {
  form.querySelectorAll('.field-error').forEach((e) => e.replaceChildren());
  form.querySelectorAll('.field.invalid').forEach((e) => e.classList.remove('invalid'));
}

/**
 * Shows an error: on the field the API named (`rightValue`, `escalations[0].teams`, ...: the longest prefix that is
 * a field of this form), else in `message`.
 */
export function showError(form: HTMLElement, message: HTMLElement, e: unknown): void {
  clearErrors(form);
  const text = e instanceof Error ? e.message : String(e);
  if (e instanceof ApiError && e.field) {
    let name = e.field;
    for (;;) {
      const target = form.querySelector<HTMLElement>(`[data-field="${CSS.escape(name)}"]`);
      if (target) {
        target.classList.add('invalid');
        target.querySelector('.field-error')?.replaceChildren(text);
        target.querySelector<HTMLElement>('input,select,textarea')?.focus();
        clear(message);
        return;
      }
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      if (cut <= 0) break;
      name = name.slice(0, cut);
    }
  }
  clear(message, banner('error', text));
}

/** Comma, space or newline separated names. */
export function names(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Runs a save: errors go on the fields, success clears them and shows `done` in `message`. */
export async function save(form: HTMLElement, message: HTMLElement, work: () => Promise<void>, done?: string): Promise<boolean> {
  try {
    await work();
    clearErrors(form);
    clear(message, done ? banner('info', done) : null);
    return true;
  } catch (e) {
    showError(form, message, e);
    return false;
  }
}

/** Asks before deleting or restoring: `what` names the object. */
export function confirmed(question: string, what: string): boolean {
  return window.confirm(`${question}\n\n${what}`);
}

export function pageHead(root: HTMLElement, title: string, help: string, ...rest: HTMLElement[]): void {
  clear(root, h('h2', {}, title), h('p', { class: 'help' }, help), ...rest);
}

export function link(hash: string, text: string): HTMLElement {
  return h('a', { href: hash }, text);
}

export function enc(s: string): string {
  return encodeURIComponent(s);
}

export function emptyRow(columns: number, text = t('nothingYet')): HTMLElement {
  return h('tr', {}, h('td', { colspan: columns, class: 'empty' }, text));
}
