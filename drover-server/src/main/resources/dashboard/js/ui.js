// Small DOM helpers shared by the pages.

/** h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child, [more]) */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'text') {
      el.textContent = value;
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name in el && typeof value !== 'string') {
      el[name] = value;
    } else {
      el.setAttribute(name, value === true ? '' : value);
    }
  }
  append(el, children);
  return el;
}

/** el.replaceChildren(...), skipping null and false like h() does. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** el.append(...), skipping null and false. */
export function put(el, ...children) {
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3, hour12: false });

/** An instant in the viewer's time zone, UTC on hover; precise: the time of day in ms only. */
export function time(iso, { precise = false } = {}) {
  if (!iso) return h('span', { class: 'muted', text: '—' });
  const date = new Date(iso);
  return h('time', {
    datetime: iso,
    title: `${date.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '')} UTC`,
    text: (precise ? clock : local).format(date),
  });
}

export function duration(ms) {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function badge(status) {
  return h('span', { class: `badge s-${String(status).toLowerCase()}`, text: status });
}

/** An API error as it came: code, message, path, and each problem. */
export function errorBox(error, what) {
  if (!error.code) {
    return h('div', { class: 'error', role: 'alert' }, h('strong', {}, what || 'Error'), ' ', String(error.message || error));
  }
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('div', {}, what ? h('strong', {}, `${what}: `) : null, h('code', { class: 'code' }, error.code), ' ', error.message),
    error.path ? h('div', { class: 'muted' }, 'at ', h('code', {}, error.path)) : null,
    error.problems.length > 1
      ? h('ul', {}, error.problems.map((p) => h('li', {}, h('code', {}, p.path), ' ', p.message)))
      : null,
    error.request ? h('div', { class: 'muted small' }, error.request, ' → ', String(error.status)) : null,
  );
}

export function empty(text, ...actions) {
  return h('div', { class: 'empty' }, h('p', {}, text), actions.length ? h('p', {}, actions) : null);
}

export function toast(...content) {
  const box = h('div', { class: 'toast' }, content);
  document.getElementById('toasts').append(box);
  setTimeout(() => box.remove(), 6000);
}

/** A modal confirmation; resolves true when confirmed. Esc or Cancel resolve false. */
export function confirmDialog(title, text, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = h(
      'dialog',
      { class: 'confirm' },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { text: title }),
        h('p', { text }),
        h('menu', {}, h('button', { value: 'cancel', text: 'Cancel', autofocus: true }), h('button', { value: 'ok', class: 'danger', text: confirmLabel })),
      ),
    );
    document.body.append(dialog);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'ok');
    });
    dialog.showModal();
  });
}

/** Done share of a JobRun's Runs, as a stacked bar with its counts. */
export function progress(counts, { compact = false } = {}) {
  const total = counts.total || 0;
  const done = counts.completed + counts.failed + counts.canceled;
  const percent = total === 0 ? 100 : Math.floor((100 * done) / total);
  const part = (name) =>
    counts[name] > 0 ? h('span', { class: `seg s-${name}`, style: `width:${(100 * counts[name]) / total}%`, title: `${name} ${counts[name]}` }) : null;
  const bar = h(
    'div',
    {
      class: 'bar',
      role: 'progressbar',
      'aria-valuemin': '0',
      'aria-valuemax': '100',
      'aria-valuenow': String(percent),
      'aria-label': `${done} of ${total} Runs ended`,
    },
    total ? ['completed', 'failed', 'canceled', 'running'].map(part) : null,
  );
  if (compact) return h('div', { class: 'progress compact' }, bar, h('span', { class: 'small' }, `${percent}% · ${done}/${total}`));
  return h(
    'div',
    { class: 'progress' },
    bar,
    h('div', { class: 'percent' }, `${percent}%`, h('span', { class: 'muted' }, ` ${done} of ${total} Runs ended`)),
    counters(counts, ['pending', 'running', 'completed', 'failed', 'canceled']),
  );
}

export function counters(values, names) {
  return h(
    'dl',
    { class: 'counts' },
    names.map((name) => h('div', { class: `count s-${name}` }, h('dt', { text: name }), h('dd', { dataset: { count: name }, text: String(values[name] ?? 0) }))),
  );
}

/**
 * Cursor paging links for a list whose page lives in the URL: cursor is the current page's
 * cursor, prev the cursors of the pages before it (so "Newer" works from a shared URL too).
 */
export function pager(page, nextCursor, labels = ['← Previous', 'Next →']) {
  const prev = page.query.prev ? JSON.parse(page.query.prev) : [];
  const back = prev.length
    ? h('button', {
        type: 'button',
        text: labels[0],
        onclick: () => page.with({ cursor: prev[prev.length - 1], prev: prev.length > 1 ? JSON.stringify(prev.slice(0, -1)) : '' }),
      })
    : null;
  const next = nextCursor
    ? h('button', {
        type: 'button',
        text: labels[1],
        onclick: () => page.with({ cursor: nextCursor, prev: JSON.stringify([...prev, page.query.cursor || '']) }),
      })
    : null;
  if (!back && !next) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' }, back, h('span', { class: 'muted', text: `page ${prev.length + 1}` }), next);
}

/** A JSON value as a tree of <details> nodes: objects and arrays fold, the top levels open. */
export function jsonTree(value, depth = 0) {
  if (value === null || typeof value !== 'object') {
    return h('span', { class: `j-${value === null ? 'null' : typeof value}`, text: JSON.stringify(value) });
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('span', { text: open + close });
  return h(
    'details',
    { class: 'json', open: depth < 2 },
    h('summary', {}, open, h('span', { class: 'muted', text: ` ${entries.length} ${Array.isArray(value) ? 'item' : 'field'}${entries.length === 1 ? '' : 's'} ` }), close),
    h(
      'ul',
      {},
      entries.map(([k, v]) => h('li', {}, Array.isArray(value) ? null : h('span', { class: 'j-key', text: `${JSON.stringify(k)}: ` }), jsonTree(v, depth + 1))),
    ),
  );
}

export function section(title, ...content) {
  return h('section', { class: 'panel' }, h('h2', { text: title }), content);
}

export function setTitle(...parts) {
  document.title = [...parts, 'Drover'].join(' · ');
}

/** Runs an action from a button: disabled while it runs; its error shown in a toast. */
export async function act(button, fn) {
  button.disabled = true;
  try {
    return await fn();
  } catch (error) {
    toast(errorBox(error, button.textContent));
    return undefined;
  } finally {
    button.disabled = false;
  }
}
