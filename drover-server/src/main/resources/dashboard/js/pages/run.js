import { api, seg } from '../api.js';
import { go } from '../router.js';
import { badge, duration, empty, errorBox, fill, h, jsonTree, put, section, setTitle, time } from '../ui.js';

const POLL_MS = 1500;
const ENDED = ['COMPLETED', 'FAILED', 'CANCELED'];

export async function runPage(main, page) {
  const { project, runId } = page.params;
  const base = `#/projects/${seg(project)}`;
  setTitle(`Run ${runId}`, project);
  let run;
  try {
    run = await api.get(`/api/v1/projects/${seg(project)}/runs/${seg(runId)}`, { signal: page.signal });
  } catch (error) {
    if (page.left) return;
    put(main, h('h1', { text: `Run ${runId}` }), errorBox(error, 'Could not read the Run'));
    return;
  }
  if (page.left) return;

  put(main, 
    h('div', { class: 'title-row' }, h('h1', {}, 'Run ', h('span', { class: 'mono', text: run.id }), ' ', badge(run.status)), run.jobRunId ? h('a', { class: 'button', href: `${base}/job-runs/${seg(run.jobRunId)}`, text: 'Its JobRun' }) : null),
    h(
      'dl',
      { class: 'facts' },
      fact('API', h('code', { text: run.apiName })),
      fact('Part of', run.jobRunId ? h('span', {}, 'Job ', h('a', { href: `${base}/jobs/${seg(run.jobId)}`, text: run.jobId }), ', JobRun ', h('a', { href: `${base}/job-runs/${seg(run.jobRunId)}`, text: run.jobRunId })) : 'a standalone Run'),
      fact('Created', time(run.createdAt)),
      fact('Started', time(run.startedAt)),
      fact('Ended', time(run.endedAt)),
      fact('Attempts', `${run.attemptCount} of at most ${run.maximumAttempts} (${run.requestTimeout} s each)`),
    ),
  );
  put(main, section('Parameters', jsonTree(run.parameters)));
  if (run.status === 'COMPLETED') put(main, section('Result', jsonTree(run.result)));
  else if (run.error) put(main, section('Error', h('pre', { class: 'error-text', text: run.error })));
  else put(main, section('Result', h('p', { class: 'muted', text: `No result yet: the Run is ${run.status.toLowerCase()}.` })));
  if (run.delivery || run.deliveries) put(main, section('Delivery', jsonTree(run.delivery || run.deliveries)));

  const attempts = run.attempts || [];
  if (attempts.length === 0) {
    put(main, section('Attempts', empty('No attempt yet: the Run waits for a free browser slot or for its JobRun to go on.')));
  } else {
    const selected = Number(page.query.attempt) || attempts[attempts.length - 1].number;
    put(main, 
      section(
        'Attempts',
        h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { class: 'list' },
            h('thead', {}, h('tr', {}, ['#', 'Status', 'Started', 'Duration', 'Error', ''].map((t) => h('th', { scope: 'col', text: t })))),
            h(
              'tbody',
              {},
              attempts.map((a) =>
                h(
                  'tr',
                  { class: a.number === selected ? 'selected' : '' },
                  h('th', { scope: 'row', text: String(a.number) }),
                  h('td', {}, badge(a.status)),
                  h('td', {}, time(a.startedAt)),
                  h('td', { text: duration(a.durationMs) }),
                  h('td', { class: 'error-cell', title: a.error || '', text: a.error || '' }),
                  h('td', {}, a.number === selected ? h('span', { class: 'muted', text: 'shown below' }) : h('a', { href: `${base}/runs/${seg(run.id)}?attempt=${a.number}`, text: `Show attempt ${a.number}` })),
                ),
              ),
            ),
          ),
        ),
      ),
      attemptPanel(project, run, selected, page),
    );
  }

  if (!ENDED.includes(run.status)) {
    page.every(POLL_MS, async () => {
      const fresh = await api.get(`/api/v1/projects/${seg(project)}/runs/${seg(runId)}`, { signal: page.signal }).catch(() => null);
      if (fresh && (fresh.status !== run.status || fresh.attemptCount !== run.attemptCount)) go(page.path, page.query, { replace: true });
    });
  }
}

function fact(name, value) {
  return h('div', {}, h('dt', { text: name }), h('dd', {}, value));
}

/** One attempt: its logs, video, screenshot and trace, each in a tab (artifacts load on demand). */
function attemptPanel(project, run, number, page) {
  const attempts = run.attempts || [];
  const panel = h('div', { class: 'tabpanel', role: 'tabpanel', id: 'attempt-panel', tabindex: '0' });
  const tabs = [
    ['Logs', () => logs(project, run, number, page)],
    ['Video', () => video(project, run, number, page)],
    ['Screenshot', () => screenshot(project, run, attempts.find((a) => a.number === number), page)],
    ['Trace', () => trace(project, run, number)],
  ];
  const buttons = tabs.map(([name, render], i) =>
    h('button', {
      type: 'button',
      role: 'tab',
      id: `tab-${name.toLowerCase()}`,
      'aria-controls': 'attempt-panel',
      'aria-selected': i === 0 ? 'true' : 'false',
      text: name,
      onclick: (e) => {
        buttons.forEach((b) => b.setAttribute('aria-selected', String(b === e.currentTarget)));
        fill(panel, render());
      },
    }),
  );
  put(panel, tabs[0][1]());
  return h('section', { class: 'panel attempt' }, h('h2', { text: `Attempt ${number}` }), h('div', { class: 'tabs', role: 'tablist', 'aria-label': `Artifacts of attempt ${number}` }, buttons), panel);
}

function logs(project, run, number, page) {
  const box = h('div', { class: 'logs' }, h('p', { class: 'muted', text: 'Loading log lines…' }));
  api
    .text(`/api/v1/projects/${seg(project)}/runs/${seg(run.id)}/attempts/${number}/logs`, { signal: page.signal })
    .then((text) => {
      const lines = text.split('\n').filter((l) => l.trim());
      if (lines.length === 0) {
        fill(box, empty('This attempt logged nothing.'));
        return;
      }
      fill(box, 
        h(
          'ol',
          { class: 'log-lines' },
          lines.map((line) => {
            let entry;
            try {
              entry = JSON.parse(line);
            } catch {
              entry = { message: line, level: 'INFO', source: 'drover' };
            }
            const level = String(entry.level || 'INFO').toUpperCase();
            const source = entry.source || 'api';
            return h(
              'li',
              { class: `log lvl-${level.toLowerCase()} src-${source}` },
              time(entry.time, { precise: true }),
              h('span', { class: 'level', text: level }),
              h('span', { class: 'source', title: sourceTitle(source), text: source }),
              h('span', { class: 'message', text: entry.message }),
            );
          }),
        ),
      );
    })
    .catch((error) => {
      if (!page.left) fill(box, errorBox(error, 'Could not read the log'));
    });
  return box;
}

function sourceTitle(source) {
  return { console: "the page's console", page: 'an uncaught error of the page', drover: 'Drover', api: "the API's logger" }[source] || source;
}

/** Artifacts are fetched through api.js (so an API key is sent) and shown from a blob URL. */
function artifactBlob(box, load, page, show) {
  fill(box, h('p', { class: 'muted', text: 'Loading…' }));
  load()
    .then((blob) => {
      if (page.left) return;
      const url = URL.createObjectURL(blob);
      page.onLeave(() => URL.revokeObjectURL(url));
      fill(box, show(url));
    })
    .catch((error) => {
      if (!page.left) fill(box, error.status === 404 ? h('p', { class: 'muted', text: error.message }) : errorBox(error));
    });
  return box;
}

function video(project, run, number, page) {
  return artifactBlob(
    h('div', { class: 'video' }),
    () => api.blob(`/api/v1/projects/${seg(project)}/runs/${seg(run.id)}/attempts/${number}/video`, { signal: page.signal }),
    page,
    (url) => h('video', { src: url, controls: true, preload: 'auto', playsInline: true, 'aria-label': `Video of attempt ${number}` }),
  );
}

function screenshot(project, run, attempt, page) {
  const number = attempt.number;
  if (attempt.status === 'SUCCEEDED' || attempt.status === 'RUNNING') {
    return h('p', { class: 'muted', text: `No screenshot: one is taken only when an attempt with a page fails (this one ${attempt.status === 'RUNNING' ? 'is running' : 'succeeded'}).` });
  }
  return artifactBlob(
    h('div', { class: 'screenshot' }),
    () => api.blob(`/api/v1/projects/${seg(project)}/runs/${seg(run.id)}/attempts/${number}/screenshot`, { signal: page.signal }),
    page,
    (url) => h('img', { src: url, alt: `The page when attempt ${number} failed` }),
  );
}

function trace(project, run, number) {
  return h(
    'div',
    {},
    h('p', {}, 'The attempt\'s Playwright trace opens in Playwright\'s own trace viewer, served by this server: nothing is uploaded anywhere.'),
    h('p', {}, h('a', { class: 'button primary', href: `#/projects/${seg(project)}/runs/${seg(run.id)}/attempts/${number}/trace`, text: 'Open the trace' })),
  );
}
