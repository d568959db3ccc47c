// The console's JSON API: same-origin fetch with the session cookie; every mutating call sends the CSRF token.

export interface Session {
  name: string;
  admin: boolean;
  csrf: string;
  expires: string;
  silenceDurations: string[];
}

export class ApiError extends Error {
  /** The form field at fault (the JSON property the API names), when there is one. */
  constructor(public status: number, message: string, public field?: string) {
    super(message);
  }
}

let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

export async function api<T>(method: string, path: string, body?: unknown, quiet = false): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET') headers['X-Falcon-Csrf'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text.length ? JSON.parse(text) : null;
  } catch {
    data = { msg: text };
  }
  if (!response.ok) {
    const answer = data as { msg?: string; field?: string } | null;
    const msg = answer?.msg ?? `${response.status} ${response.statusText}`;
    if (response.status === 401 && !quiet && path !== '/api/login' && path !== '/api/session') window.dispatchEvent(new Event('falcon:unauthorized'));
    throw new ApiError(response.status, msg, typeof answer?.field === 'string' ? answer.field : undefined);
  }
  return data as T;
}

// GETs started before they are needed: the first page's data while the session is still being checked, which saves
// a round trip on the first render. Each is used once, within a few seconds; a failed one (no session yet) is
// simply asked again.
const early = new Map<string, { at: number; answer: Promise<unknown> }>();

export function prefetch(path: string): void {
  const answer = api('GET', path, undefined, true);
  answer.catch(() => {});
  early.set(path, { at: Date.now(), answer });
}

export function get<T>(path: string): Promise<T> {
  const hit = early.get(path);
  if (hit) {
    early.delete(path);
    if (Date.now() - hit.at < 5000) return (hit.answer as Promise<T>).catch(() => api<T>('GET', path));
  }
  return api<T>('GET', path);
}
