// Every call goes to the same-origin gateway under /api. The access token lives only in memory; the refresh
// token in sessionStorage (it survives a reload of this tab, not the closing of the browser). A 401 triggers
// one silent refresh (single-flight: concurrent 401s share it) and one retry; a failed refresh ends the
// session.

const REFRESH_KEY = 'stockradar.refreshToken';

let accessToken = null;
let refreshTimer = null;
let refreshing = null;
const sessionListeners = new Set();

/** An error response, usually RFC 9457 problem+json: {type, title, status, detail, code, errors:[{field, message}]}. */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code;
    this.retryAfter = retryAfter;
  }

  /** field → message, for showing each error next to its input. */
  get fieldErrors() {
    const out = {};
    for (const error of this.problem.errors ?? []) {
      if (error?.field && !(error.field in out)) out[error.field] = error.message;
    }
    return out;
  }
}

/** The network itself failed (gateway down, offline). */
export class NetworkError extends Error {}

export function isSignedIn() {
  return accessToken !== null;
}

export function hasStoredSession() {
  return sessionStorage.getItem(REFRESH_KEY) !== null;
}

/** listener(signedIn: boolean) on sign-in, sign-out and session expiry. */
export function onSessionChange(listener) {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

function setTokens(tokens) {
  accessToken = tokens.accessToken;
  sessionStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  clearTimeout(refreshTimer);
  // refresh a little before expiry so a long-lived page rarely sees a 401 at all
  const seconds = Number(tokens.expiresIn);
  if (Number.isFinite(seconds) && seconds > 60) {
    refreshTimer = setTimeout(() => { refresh(); }, (seconds - 45) * 1000);
  }
}

function clearSession(notify = true) {
  const wasSignedIn = accessToken !== null || hasStoredSession();
  accessToken = null;
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(REFRESH_KEY);
  if (notify && wasSignedIn) sessionListeners.forEach((listener) => listener(false));
}

async function toError(response) {
  let problem = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = null;
    }
  }
  return new ApiError(response.status, problem, response.headers.get('Retry-After'));
}

async function send(path, { method = 'GET', body, headers = {}, signal, accept } = {}) {
  const allHeaders = { Accept: accept ?? 'application/json, application/problem+json', ...headers };
  if (body !== undefined) allHeaders['Content-Type'] = 'application/json';
  if (accessToken) allHeaders.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method, headers: allHeaders, body: body === undefined ? undefined : JSON.stringify(body), signal,
      credentials: 'omit', cache: 'no-store',
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new NetworkError(error?.message ?? 'network error');
  }
}

/**
 * A silent refresh with the stored refresh token. Resolves true when a new access token was obtained.
 * Concurrent callers share one request (the refresh token rotates: using it twice would revoke the session).
 */
export function refresh() {
  if (refreshing) return refreshing;
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return Promise.resolve(false);
  refreshing = (async () => {
    try {
      const response = await fetch('/api/auth/refresh', {
        method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }), credentials: 'omit', cache: 'no-store',
      });
      if (!response.ok) {
        if (response.status === 401 || response.status === 400) clearSession();
        return false;
      }
      setTokens(await response.json());
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * A raw authenticated request (a Response), refreshed and retried once on 401. For streaming and downloads.
 */
export async function request(path, options = {}) {
  let response = await send(path, options);
  if (response.status === 401 && options.auth !== false && hasStoredSession()) {
    if (await refresh()) {
      response = await send(path, options);
    }
  }
  if (response.status === 401 && options.auth !== false) {
    clearSession();
  }
  return response;
}

/** A JSON call: resolves to the parsed body (null for 204), rejects with ApiError/NetworkError. */
export async function api(path, options = {}) {
  const response = await request(path, options);
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

export async function login(username, password) {
  const response = await send('/api/auth/login', { method: 'POST', body: { username, password } });
  if (!response.ok) throw await toError(response);
  setTokens(await response.json());
  sessionListeners.forEach((listener) => listener(true));
}

export async function signup(username, email, password) {
  const response = await send('/api/auth/signup', { method: 'POST', body: { username, email, password } });
  if (!response.ok) throw await toError(response);
  return response.json();
}

export async function logout() {
  const refreshToken = sessionStorage.getItem(REFRESH_KEY);
  if (refreshToken) {
    try {
      await send('/api/auth/logout', { method: 'POST', body: { refreshToken } });
    } catch {
      // the local session ends regardless; the server-side token expires on its own
    }
  }
  clearSession();
}

/** Restores a session after a reload from the stored refresh token. */
export async function resume() {
  if (accessToken) return true;
  return refresh();
}

/**
 * Downloads an authenticated file (CSV export): fetches it with the bearer token, then saves it through an
 * object URL, since a plain link cannot carry the Authorization header.
 */
export async function download(path, fallbackName) {
  const response = await request(path, { accept: 'text/csv, application/problem+json' });
  if (!response.ok) throw await toError(response);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  const name = match ? decodeURIComponent(match[1]) : fallbackName;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/** Query string of the non-empty entries. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
