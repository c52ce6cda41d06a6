import { api, seg } from '../api.js';
import { go } from '../router.js';
import { errorBox, fill, h, put, setTitle, time } from '../ui.js';
import { jsonEditor } from '../monaco.js';
import { apiNames } from './projects.js';

const CHECK_DELAY_MS = 600;
// Past this size the server is asked only on Save, not as you type.
const LIVE_CHECK_MAX_CHARS = 1_000_000;

let schemaText = null;

/** The server's own Job schema, with this Project's API names added for completion. */
async function jobSchema(project) {
  if (!schemaText) schemaText = api.get('/api/v1/schemas/job.json').then((s) => JSON.stringify(s));
  const schema = JSON.parse(await schemaText);
  const apis = await apiNames(project);
  const item = schema.$defs?.payloadItem?.properties;
  if (item && apis.length) {
    for (const name of ['apiName', 'api']) if (item[name]) item[name] = { ...item[name], enum: apis };
  }
  return schema;
}

function template(apis) {
  const first = apis.includes('echo') ? 'echo' : apis[0] || 'my-api';
  return `${JSON.stringify(
    {
      id: 'my-job',
      payload: [{ apiName: first, parameters: {} }],
      configuration: { maximumAttempts: 3, maximumConcurrentRequests: 4, requestTimeout: 600 },
    },
    null,
    2,
  )}\n`;
}

export async function editorPage(main, page) {
  const { project, jobId } = page.params;
  const creating = !jobId;
  setTitle(creating ? 'New Job' : `Edit ${jobId}`, project);
  const problemsBox = h('div', { class: 'problems', 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Checking as you type…' }));
  const previewBox = h('div', { class: 'preview' });
  const saveButton = h('button', { type: 'button', class: 'primary', text: creating ? 'Save Job' : 'Save changes', disabled: true });
  const editorBox = h('div', { class: 'editor', 'aria-label': 'Job document' });
  put(main, 
    h(
      'div',
      { class: 'title-row' },
      h('h1', { text: creating ? `New Job in ${project}` : `Edit Job ${jobId}` }),
      h('div', { class: 'button-row' }, saveButton, h('a', { class: 'button', href: creating ? `#/projects/${seg(project)}/jobs` : `#/projects/${seg(project)}/jobs/${seg(jobId)}`, text: 'Cancel' })),
    ),
    h('p', { class: 'muted small', text: 'The editor checks the document against the server\'s JSON Schema (Ctrl+Space completes); the server checks the rest as you type. Ctrl+S saves.' }),
    h(
      'div',
      { class: 'editor-layout' },
      editorBox,
      h('aside', { class: 'side' }, h('section', { class: 'panel' }, h('h2', { text: 'Problems' }), problemsBox), h('section', { class: 'panel' }, h('h2', { text: 'Next 10 fire times' }), previewBox)),
    ),
  );

  let initial;
  let schema;
  try {
    const [loadedSchema, apis, job] = await Promise.all([
      jobSchema(project),
      apiNames(project),
      creating ? null : api.get(`/api/v1/projects/${seg(project)}/jobs/${seg(jobId)}`, { signal: page.signal }),
    ]);
    schema = loadedSchema;
    initial = creating ? template(apis) : `${JSON.stringify(job.document, null, 2)}\n`;
  } catch (error) {
    if (page.left) return;
    put(main, errorBox(error, creating ? 'Could not prepare the editor' : 'Could not read the Job'));
    return;
  }
  if (page.left) return;

  let editor;
  try {
    editor = await jsonEditor(editorBox, { value: initial, schema, schemaUri: `${location.origin}/api/v1/schemas/job.json`, label: 'Job document (JSON)' });
  } catch (error) {
    put(main, errorBox(error, 'Could not load the editor'));
    return;
  }
  if (page.left) {
    editor.dispose();
    return;
  }
  page.onLeave(() => editor.dispose());
  saveButton.disabled = false;

  let version = 0;
  let lastSchedule;
  let timer;

  const showProblems = (problems, heading) => {
    editor.showProblems(problems);
    fill(problemsBox, 
      h('p', { class: 'error-text', text: heading }),
      h(
        'ul',
        { class: 'problem-list' },
        problems.map((p) =>
          h(
            'li',
            {},
            h(
              'button',
              { type: 'button', class: 'link', onclick: () => editor.reveal(p.path) },
              h('code', { class: 'path', text: p.path }),
              h('span', { class: 'line', text: ` line ${p.line}` }),
            ),
            h('div', { class: 'message', text: p.message }),
          ),
        ),
      ),
    );
  };
  const clearProblems = (text) => {
    editor.showProblems([]);
    fill(problemsBox, h('p', { class: 'ok', text }));
  };

  /** Asks the server to validate (?dryRun=true); true when it accepts the document. */
  const dryRun = async (text) => {
    try {
      const result = await api.post(`/api/v1/projects/${seg(project)}/jobs?dryRun=true`, text, { signal: page.signal });
      return { ok: true, result };
    } catch (error) {
      if (error.name === 'AbortError') throw error;
      return { ok: false, error };
    }
  };
  const report = ({ ok, result, error }) => {
    if (ok) {
      clearProblems(`The server accepts this Job (${result.payloadSize} payload item${result.payloadSize === 1 ? '' : 's'}).`);
    } else if (error.problems.length) {
      showProblems(error.problems, `The server found ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}:`);
    } else {
      editor.showProblems([]);
      fill(problemsBox, errorBox(error));
    }
  };

  const preview = async (schedule, mine) => {
    const key = JSON.stringify(schedule ?? null);
    if (key === lastSchedule) return;
    lastSchedule = key;
    if (!schedule || typeof schedule !== 'object') {
      fill(previewBox, h('p', { class: 'muted', text: 'No schedule: the Job runs only when triggered.' }));
      return;
    }
    try {
      const { fireTimes } = await api.post('/api/v1/schedules/preview', { schedule, count: 10 }, { signal: page.signal });
      if (mine !== version) return;
      fill(previewBox, 
        fireTimes.length ? h('ol', { class: 'times' }, fireTimes.map((t) => h('li', {}, time(t)))) : h('p', { class: 'muted', text: 'This schedule never fires.' }),
      );
    } catch (error) {
      if (mine !== version || error.name === 'AbortError') return;
      lastSchedule = undefined;
      fill(previewBox, errorBox(error, 'Not a valid schedule'));
    }
  };

  const check = async () => {
    const mine = ++version;
    const text = editor.getValue();
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      editor.showProblems([]);
      fill(problemsBox, h('p', { class: 'error-text', text: `Not valid JSON yet: ${error.message}` }));
      return;
    }
    preview(parsed && parsed.schedule, mine);
    if (text.length > LIVE_CHECK_MAX_CHARS) {
      fill(problemsBox, h('p', { class: 'muted', text: 'A large document: the server checks it when you save.' }));
      return;
    }
    const outcome = await dryRun(text);
    if (mine === version && !page.left) report(outcome);
  };
  editor.onChange(() => {
    clearTimeout(timer);
    timer = setTimeout(() => check().catch(() => {}), CHECK_DELAY_MS);
  });
  page.onLeave(() => clearTimeout(timer));

  const save = async () => {
    saveButton.disabled = true;
    try {
      clearTimeout(timer);
      const mine = ++version;
      const text = editor.getValue();
      const outcome = await dryRun(text);
      if (mine !== version || page.left) return;
      report(outcome);
      if (!outcome.ok) return;
      let saved;
      try {
        saved = creating
          ? await api.post(`/api/v1/projects/${seg(project)}/jobs`, text, { signal: page.signal })
          : await api.put(`/api/v1/projects/${seg(project)}/jobs/${seg(jobId)}`, text, { signal: page.signal });
      } catch (error) {
        if (error.problems?.length) showProblems(error.problems, 'The server did not save the Job:');
        else fill(problemsBox, errorBox(error, 'Not saved'));
        return;
      }
      go(`/projects/${seg(project)}/jobs/${seg(saved.id)}`);
    } finally {
      saveButton.disabled = false;
    }
  };
  saveButton.addEventListener('click', save);
  editor.onSave(save);
  check().catch(() => {});
}
