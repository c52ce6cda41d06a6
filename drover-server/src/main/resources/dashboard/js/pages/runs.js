import { api, seg } from '../api.js';
import { go } from '../router.js';
import { badge, empty, errorBox, fill, h, put, section, setTitle, time } from '../ui.js';
import { jsonEditor } from '../monaco.js';
import { apiNames } from './projects.js';

const REMEMBERED = 10;
const remembered = (project) => `drover.standaloneRuns.${project}`;

function recentRuns(project) {
  try {
    return JSON.parse(localStorage.getItem(remembered(project))) || [];
  } catch {
    return [];
  }
}

function remember(project, runId) {
  const ids = [runId, ...recentRuns(project).filter((id) => id !== runId)].slice(0, REMEMBERED);
  localStorage.setItem(remembered(project), JSON.stringify(ids));
}

/** Standalone Runs: start one API with parameters now, then watch it on its Run page. */
export async function runsPage(main, page) {
  const { project } = page.params;
  setTitle('Runs', project);
  put(main, h('h1', {}, 'Standalone Runs ', h('span', { class: 'muted', text: `of ${project}` })));
  const apis = await apiNames(project).catch(() => []);
  if (page.left) return;
  if (apis.length === 0) {
    put(main, empty(`Project ${project} has no API to run.`));
    return;
  }
  const apiSelect = h('select', { name: 'apiName', id: 'run-api' }, apis.map((a) => h('option', { value: a, text: a, selected: a === page.query.apiName })));
  const attempts = h('input', { type: 'number', id: 'run-attempts', min: '1', max: '100', placeholder: '3' });
  const timeout = h('input', { type: 'number', id: 'run-timeout', min: '1', max: '86400', placeholder: '600' });
  const editorBox = h('div', { class: 'editor small-editor' });
  const result = h('div', { 'aria-live': 'polite' });
  const start = h('button', { type: 'submit', class: 'primary', text: 'Start the Run', disabled: true });
  put(main, 
    section(
      'Start a Run',
      h(
        'form',
        { class: 'run-form', onsubmit: (e) => e.preventDefault() },
        h('div', { class: 'fields' }, h('label', { for: 'run-api' }, 'API '), apiSelect, h('label', { for: 'run-attempts' }, 'Maximum attempts '), attempts, h('label', { for: 'run-timeout' }, 'Request timeout (s) '), timeout),
        h('div', { class: 'label', text: 'Parameters (a JSON object)' }),
        editorBox,
        h('div', { class: 'button-row' }, start),
        result,
      ),
    ),
  );
  const recentBox = h('div');
  const openId = h('input', { type: 'text', id: 'open-run', placeholder: 'a Run id', 'aria-label': 'Run id' });
  put(main, 
    section(
      'Recent standalone Runs',
      h('p', { class: 'muted small', text: 'The Runs started from this browser. The server lists Runs by JobRun; open any other Run by its id.' }),
      h('form', { class: 'inline', onsubmit: (e) => { e.preventDefault(); if (openId.value.trim()) go(`/projects/${seg(project)}/runs/${seg(openId.value.trim())}`); } }, openId, h('button', { type: 'submit', text: 'Open' })),
      recentBox,
    ),
  );
  showRecent(project, recentBox, page);

  let editor;
  try {
    editor = await jsonEditor(editorBox, { value: '{\n  \n}\n', schema: { type: 'object' }, label: 'Parameters (JSON)', height: '12rem' });
  } catch (error) {
    fill(editorBox, errorBox(error, 'Could not load the editor'));
    return;
  }
  if (page.left) return editor.dispose();
  page.onLeave(() => editor.dispose());
  start.disabled = false;
  start.addEventListener('click', async () => {
    let parameters;
    try {
      parameters = JSON.parse(editor.getValue() || '{}');
    } catch (error) {
      fill(result, errorBox({ message: `The parameters are not valid JSON: ${error.message}` }));
      return;
    }
    const body = { apiName: apiSelect.value, parameters };
    if (attempts.value) body.retry = { maximumAttempts: Number(attempts.value) };
    if (timeout.value) body.requestTimeout = Number(timeout.value);
    start.disabled = true;
    try {
      const { runId } = await api.post(`/api/v1/projects/${seg(project)}/runs`, body, { signal: page.signal });
      remember(project, runId);
      go(`/projects/${seg(project)}/runs/${seg(runId)}`);
    } catch (error) {
      if (!page.left) fill(result, errorBox(error, 'The Run was not started'));
    } finally {
      start.disabled = false;
    }
  });
}

async function showRecent(project, box, page) {
  const ids = recentRuns(project);
  if (ids.length === 0) {
    fill(box, empty('No standalone Run started from this browser yet: pick an API above, give its parameters and start it.'));
    return;
  }
  const rows = await Promise.all(
    ids.map((id) =>
      api
        .get(`/api/v1/projects/${seg(project)}/runs/${seg(id)}`, { signal: page.signal })
        .then((run) => ({ run }))
        .catch((error) => ({ id, error })),
    ),
  );
  if (page.left) return;
  const gone = rows.filter((r) => r.error && r.error.status === 404).map((r) => r.id);
  if (gone.length) localStorage.setItem(remembered(project), JSON.stringify(ids.filter((id) => !gone.includes(id))));
  fill(box, 
    h(
      'table',
      { class: 'list' },
      h('thead', {}, h('tr', {}, ['Run', 'API', 'Status', 'Created', 'Result or error'].map((t) => h('th', { scope: 'col', text: t })))),
      h(
        'tbody',
        {},
        rows
          .filter((r) => r.run)
          .map(({ run }) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: `#/projects/${seg(project)}/runs/${seg(run.id)}`, text: run.id })),
              h('td', {}, h('code', { text: run.apiName })),
              h('td', {}, badge(run.status)),
              h('td', {}, time(run.createdAt)),
              h('td', { class: 'error-cell', text: run.error || (run.result === null ? '' : JSON.stringify(run.result)) }),
            ),
          ),
      ),
    ),
  );
}
