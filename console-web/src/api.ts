// The console's JSON API: same-origin fetch with the session cookie; every mutating call sends the CSRF token.

export interface Session {
  name: string;
  admin: boolean;
  csrf: string;
  expires: string;
  silenceDurations: string[];
}

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

let csrf = '';

export function setCsrf(token: string): void {
  csrf = token;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
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
    const msg = (data as { msg?: string } | null)?.msg ?? `${response.status} ${response.statusText}`;
    if (response.status === 401 && path !== '/api/login' && path !== '/api/session') window.dispatchEvent(new Event('falcon:unauthorized'));
    throw new ApiError(response.status, msg);
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
