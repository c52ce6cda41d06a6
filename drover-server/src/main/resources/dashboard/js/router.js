// A small hash router: every page has a URL (#/projects/demo/job-runs/ID?status=FAILED), so
// links can be shared and the back button works. A page is render(main, page) where page holds
// the URL's params and query, an AbortSignal for its requests and every() for its polling; all of
// it stops when the user leaves the page.

const routes = [];
let current = null;

export function route(pattern, render) {
  const names = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}$`), names, render });
}

/** The dashboard URL of a page: href('/projects/demo/jobs', {cursor: 'x'}). */
export function href(path, query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

export function go(path, query, { replace = false } = {}) {
  const target = href(path, query);
  if (replace) {
    history.replaceState(null, '', target);
    render();
  } else {
    location.hash = target;
  }
}

function parse() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const at = hash.indexOf('?');
  const path = at < 0 ? hash : hash.slice(0, at);
  const query = Object.fromEntries(new URLSearchParams(at < 0 ? '' : hash.slice(at + 1)));
  return { path, query };
}

class Page {
  constructor(path, params, query) {
    this.path = path;
    this.params = params;
    this.query = query;
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    this.timers = [];
    this.cleanups = [];
  }

  get left() {
    return this.signal.aborted;
  }

  /** Calls fn every ms milliseconds (after the previous call finished) until the page is left. */
  every(ms, fn) {
    const tick = async () => {
      if (this.left) return;
      try {
        await fn();
      } catch {
        // the page shows its own errors; polling goes on
      } finally {
        if (!this.left) this.timers.push(setTimeout(tick, ms));
      }
    };
    this.timers.push(setTimeout(tick, ms));
  }

  onLeave(fn) {
    this.cleanups.push(fn);
  }

  leave() {
    this.controller.abort();
    this.timers.forEach(clearTimeout);
    this.cleanups.forEach((fn) => fn());
  }

  /** The same page with other query values (a filter, the next page of a list). */
  with(query, options) {
    go(this.path, { ...this.query, ...query }, options);
  }
}

async function render() {
  const { path, query } = parse();
  const main = document.getElementById('main');
  if (current) current.leave();
  for (const r of routes) {
    const match = r.regex.exec(path);
    if (!match) continue;
    const params = {};
    r.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
    const page = new Page(path, params, query);
    current = page;
    main.replaceChildren();
    try {
      await r.render(main, page);
    } catch (error) {
      if (page.left || error.name === 'AbortError') return;
      const box = document.createElement('div');
      box.className = 'error';
      box.setAttribute('role', 'alert');
      box.textContent = `This page could not be shown: ${error.message}`;
      main.append(box);
    }
    return;
  }
  current = null;
  main.replaceChildren();
  const p = document.createElement('p');
  p.className = 'empty';
  p.textContent = `There is no page at ${path}. `;
  const home = document.createElement('a');
  home.href = '#/';
  home.textContent = 'Go to the Projects';
  p.append(home);
  main.append(p);
}

export function start() {
  window.addEventListener('hashchange', render);
  render();
}
