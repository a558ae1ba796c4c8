// The management API client: bearer tokens with one shared refresh, problem+json errors as
// `Problem`, and Server-Sent Events over fetch (EventSource cannot send the Authorization header).

const SESSION_KEY = 'ppt.session';

/** An RFC 9457 problem answered by the API (or a network failure, code `network`). */
export class Problem extends Error {
  constructor(status, body = {}) {
    super(body.detail || body.title || `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? (status === 0 ? 'network' : 'http.' + status);
    this.title = body.title ?? '';
    this.detail = body.detail ?? '';
    this.errors = body.errors ?? [];
    this.requestId = body.requestId;
    this.retryAfter = body.retryAfter;
  }
}

let session = readSession();
let refreshing = null;
const listeners = new Set();

function readSession() {
  try { return JSON.parse(localStorage.getItem(SESSION_KEY)) ?? null; } catch { return null; }
}

function storeSession(next) {
  session = next;
  if (next) localStorage.setItem(SESSION_KEY, JSON.stringify(next));
  else localStorage.removeItem(SESSION_KEY);
  for (const listener of listeners) listener(next);
}

/** Whether tokens are held. */
export function signedIn() { return session !== null; }

/** Calls `listener(session|null)` whenever the session changes (sign-in, refresh failure, sign-out). */
export function onSessionChange(listener) { listeners.add(listener); }

/** Signs in; stores the tokens. */
export async function signIn(email, password) {
  const body = await request('/auth/login', { method: 'POST', body: { email, password }, auth: false });
  storeSession({ accessToken: body.accessToken, refreshToken: body.refreshToken });
  return body.user;
}

/** Revokes the refresh token (best effort) and forgets the session. */
export async function signOut() {
  const refreshToken = session?.refreshToken;
  storeSession(null);
  if (refreshToken) {
    try { await request('/auth/logout', { method: 'POST', body: { refreshToken }, auth: false }); } catch { /* signed out locally */ }
  }
}

async function refresh() {
  if (!session?.refreshToken) throw new Problem(401, { code: 'auth.unauthenticated' });
  refreshing ??= (async () => {
    try {
      const body = await request('/auth/refresh', { method: 'POST', body: { refreshToken: session.refreshToken }, auth: false });
      storeSession({ accessToken: body.accessToken, refreshToken: body.refreshToken });
    } catch (error) {
      if (error.status === 401 || error.status === 400) storeSession(null);
      throw error;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// Query values are percent-encoded (a space as %20): URLSearchParams would write `+`, which the API
// reads literally.
function url(path, query) {
  const pairs = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(item))}`);
    }
  }
  const separator = path.includes('?') ? '&' : '?';
  return new URL('/api/v1' + path + (pairs.length ? separator + pairs.join('&') : ''), location.origin);
}

async function problemFrom(response) {
  let body = {};
  try { body = await response.json(); } catch { /* not JSON */ }
  body.retryAfter = response.headers.get('Retry-After');
  return new Problem(response.status, body);
}

/** The raw Response of an authorized request (for downloads and streams); throws `Problem`. */
export async function fetchRaw(path, { method = 'GET', body, query, headers = {}, auth = true, signal, retried = false } = {}) {
  const init = { method, headers: { ...headers }, signal };
  if (auth && session) init.headers.Authorization = 'Bearer ' + session.accessToken;
  if (body instanceof FormData || body instanceof Blob || typeof body === 'string') init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(url(path, query), init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new Problem(0, { detail: error.message });
  }
  if (response.status === 401 && auth && session && !retried) {
    await refresh();
    return fetchRaw(path, { method, body, query, headers, auth, signal, retried: true });
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** A JSON request; resolves to the decoded body (or null for 204). */
export async function request(path, options = {}) {
  const response = await fetchRaw(path, options);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** Convenience verbs. */
export const api = {
  get: (path, query, options = {}) => request(path, { ...options, query }),
  post: (path, body, options = {}) => request(path, { ...options, method: 'POST', body }),
  put: (path, body, options = {}) => request(path, { ...options, method: 'PUT', body }),
  patch: (path, body, options = {}) => request(path, { ...options, method: 'PATCH', body }),
  delete: (path, options = {}) => request(path, { ...options, method: 'DELETE' }),
};

/** Uploads `form` with XMLHttpRequest for progress (`onProgress(fraction)`); resolves to JSON. */
export function upload(path, form, { method = 'POST', onProgress, retried = false } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, url(path));
    if (session) xhr.setRequestHeader('Authorization', 'Bearer ' + session.accessToken);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress?.(e.loaded / e.total); };
    xhr.onerror = () => reject(new Problem(0, { detail: 'Network error' }));
    xhr.onload = async () => {
      if (xhr.status === 401 && session && !retried) {
        try { await refresh(); resolve(await upload(path, form, { method, onProgress, retried: true })); } catch (e) { reject(e); }
        return;
      }
      let body = {};
      try { body = JSON.parse(xhr.responseText || '{}'); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body); else reject(new Problem(xhr.status, body));
    };
    xhr.send(form);
  });
}

/**
 * Reads a Server-Sent Events stream. `onEvent({ event, data, id })` gets each event (data parsed as
 * JSON when it is JSON). Resolves when the server ends the stream; rejects with `Problem` or the
 * abort error. `lastEventId` resumes a stream where the server supports it.
 */
export async function stream(path, { method = 'GET', body, query, signal, lastEventId, onEvent } = {}) {
  const headers = { Accept: 'text/event-stream' };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  const response = await fetchRaw(path, { method, body, query, headers, signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { event: 'message', data: [], id: undefined };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let newline;
    while ((newline = buffer.search(/\r?\n/)) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + (buffer[newline] === '\r' ? 2 : 1));
      if (line === '') {
        if (event.data.length > 0) {
          const text = event.data.join('\n');
          let data = text;
          try { data = JSON.parse(text); } catch { /* plain text */ }
          onEvent?.({ event: event.event, data, id: event.id });
        }
        event = { event: 'message', data: [], id: event.id };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') event.data.push(fieldValue);
        else if (field === 'event') event.event = fieldValue;
        else if (field === 'id') event.id = fieldValue;
      }
    }
  }
}

/** Downloads an authorized file as a Blob. */
export async function blob(path, options = {}) {
  const response = await fetchRaw(path, options);
  return response.blob();
}
