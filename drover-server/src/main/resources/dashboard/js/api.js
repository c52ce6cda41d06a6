// The dashboard's one door to the REST API: every request goes through request() below.
// It adds "Authorization: Bearer <key>" when a key is stored in sessionStorage, and on a 401
// asks once for a key, stores it and retries. Errors come back as ApiError, shaped like the
// server's {"error": {"code", "message", "path", "problems"}}.

const KEY = 'drover.apiKey';

export class ApiError extends Error {
  constructor(status, error, method, path) {
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || `http_${status}`;
    this.path = error.path || null;
    this.problems = Array.isArray(error.problems) ? error.problems : [];
    this.request = `${method} ${path}`;
  }
}

export function storedKey() {
  return sessionStorage.getItem(KEY);
}

export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

let keyPrompt = null;

/** Shows the "enter your API key" dialog once, however many requests got a 401 meanwhile. */
function askForKey() {
  if (!keyPrompt) {
    keyPrompt = new Promise((resolve) => {
      const dialog = document.createElement('dialog');
      dialog.className = 'key-prompt';
      dialog.innerHTML = `
        <form method="dialog">
          <h2>Enter your API key</h2>
          <p>This server needs an API key. It is kept in this tab only (sessionStorage).</p>
          <label>API key <input name="key" type="password" autocomplete="off" required></label>
          <menu><button value="cancel" formnovalidate>Cancel</button><button value="ok" class="primary">Use key</button></menu>
        </form>`;
      document.body.append(dialog);
      dialog.addEventListener('close', () => {
        const key = dialog.querySelector('input').value.trim();
        dialog.remove();
        if (dialog.returnValue === 'ok' && key) {
          sessionStorage.setItem(KEY, key);
          resolve(true);
        } else {
          resolve(false);
        }
        keyPrompt = null;
      });
      dialog.showModal();
    });
  }
  return keyPrompt;
}

async function errorOf(response, method, path) {
  const text = await response.text();
  let error = { message: text.trim() || response.statusText || `HTTP ${response.status}` };
  try {
    const body = JSON.parse(text);
    if (body && body.error) error = body.error;
  } catch {
    // not JSON: keep the text as the message
  }
  return new ApiError(response.status, error, method, path);
}

/**
 * Sends one request; as: 'json' (default), 'text', 'blob' or 'none'. A body that is a string is
 * sent as is (the editor's text), anything else as JSON.
 */
export async function request(method, path, { body, as = 'json', signal } = {}) {
  for (let attempt = 1; ; attempt++) {
    const headers = { Accept: as === 'json' ? 'application/json' : '*/*' };
    const key = storedKey();
    if (key) headers.Authorization = `Bearer ${key}`;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = typeof body === 'string' ? body : JSON.stringify(body);
    }
    const response = await fetch(path, { method, headers, body: payload, signal });
    if (response.status === 401 && attempt === 1) {
      if (key) forgetKey();
      if (await askForKey()) continue;
    }
    if (!response.ok) throw await errorOf(response, method, path);
    if (response.status === 204 || as === 'none') return null;
    if (as === 'text') return response.text();
    if (as === 'blob') return response.blob();
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }
}

export const api = {
  get: (path, options) => request('GET', path, options),
  text: (path, options) => request('GET', path, { ...options, as: 'text' }),
  blob: (path, options) => request('GET', path, { ...options, as: 'blob' }),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, { ...options, as: 'none' }),
};

/** A path segment, encoded. */
export const seg = (value) => encodeURIComponent(value);
