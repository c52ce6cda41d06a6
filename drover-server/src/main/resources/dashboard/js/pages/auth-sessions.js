import { api, seg } from '../api.js';
import { go } from '../router.js';
import { act, badge, confirmDialog, empty, errorBox, fill, h, put, section, setTitle, time, toast } from '../ui.js';

/** AuthSessions: saved logged-in browser states of the Project (one page: a Project has few). */
export async function authSessionsPage(main, page) {
  const { project } = page.params;
  setTitle('AuthSessions', project);
  put(main, h('h1', {}, 'AuthSessions ', h('span', { class: 'muted', text: `of ${project}` })));
  const listBox = h('div', {}, h('p', { class: 'muted', text: 'Loading AuthSessions…' }));
  const reload = () => go(page.path, page.query, { replace: true });
  let list;
  try {
    list = await api.get(`/api/v1/projects/${seg(project)}/auth-sessions`, { signal: page.signal });
  } catch (error) {
    if (page.left) return;
    if (error.status === 404 || error.status === 405) {
      put(main, 
        h(
          'div',
          { class: 'empty unavailable', role: 'status' },
          h('h2', { text: 'AuthSessions are not available on this server' }),
          h('p', { text: `This server has no AuthSession endpoints (it answered ${error.status} to ${error.request}). A newer Drover server keeps saved logins here.` }),
        ),
      );
    } else {
      put(main, errorBox(error, 'Could not list the AuthSessions'));
    }
    return;
  }
  if (page.left) return;
  const items = Array.isArray(list) ? list : list.items || [];
  put(main, section('Sessions', listBox), uploadForm(project, reload), credentialsForm(project, reload));
  if (items.length === 0) {
    fill(listBox, empty('No AuthSession yet. Upload a Playwright storage state below (recorded by hand), or create one from credentials that the Project\'s auth-sessions/create API logs in with.'));
    return;
  }
  fill(listBox, 
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'list' },
        h('thead', {}, h('tr', {}, ['AuthSession', 'Type', 'Status', 'Created', 'Last checked', 'Last created', 'Last error', 'Actions'].map((t) => h('th', { scope: 'col', text: t })))),
        h('tbody', {}, items.map((s) => sessionRow(project, s, reload))),
      ),
    ),
  );
}

function sessionRow(project, session, reload) {
  const validate = h('button', {
    type: 'button',
    text: 'Validate',
    onclick: () =>
      act(validate, async () => {
        const checked = await api.post(`/api/v1/projects/${seg(project)}/auth-sessions/${seg(session.id)}/validate`);
        toast(`AuthSession ${session.id}: ${checked && checked.status ? checked.status : 'checked'}`);
        reload();
      }),
  });
  const remove = h('button', {
    type: 'button',
    class: 'danger',
    text: 'Delete',
    onclick: () =>
      act(remove, async () => {
        const sure = await confirmDialog(`Delete AuthSession ${session.id}?`, `AuthSession "${session.id}" and its saved browser state are deleted for good.`, `Delete ${session.id}`);
        if (!sure) return;
        await api.del(`/api/v1/projects/${seg(project)}/auth-sessions/${seg(session.id)}`);
        toast(`AuthSession ${session.id} deleted`);
        reload();
      }),
  });
  return h(
    'tr',
    {},
    h('th', { scope: 'row', text: session.id }),
    h('td', { text: session.type || '' }),
    h('td', {}, badge(session.status || 'UNKNOWN')),
    h('td', {}, time(session.createdAt)),
    h('td', {}, time(session.lastCheckedAt)),
    h('td', {}, time(session.lastCreatedAt)),
    h('td', { class: 'error-cell', text: session.lastError || '' }),
    h('td', { class: 'actions' }, h('div', { class: 'button-row' }, validate, remove)),
  );
}

/** RECORDER: a Playwright storage-state JSON captured by hand, uploaded for an id. */
function uploadForm(project, reload) {
  const id = h('input', { type: 'text', id: 'upload-id', required: true, pattern: '[A-Za-z0-9_-]{1,64}', placeholder: 'shop-account' });
  const file = h('input', { type: 'file', id: 'upload-file', accept: 'application/json,.json', required: true });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', text: 'Upload' });
  const form = h(
    'form',
    {
      class: 'fields',
      onsubmit: (e) => {
        e.preventDefault();
        act(submit, async () => {
          const text = await file.files[0].text();
          try {
            JSON.parse(text);
          } catch (error) {
            fill(result, errorBox({ message: `${file.files[0].name} is not JSON: ${error.message}` }));
            return;
          }
          try {
            await api.put(`/api/v1/projects/${seg(project)}/auth-sessions/${seg(id.value)}/storage-state`, text);
            toast(`AuthSession ${id.value}: storage state uploaded`);
            reload();
          } catch (error) {
            fill(result, errorBox(error, 'Not uploaded'));
          }
        });
      },
    },
    h('label', { for: 'upload-id' }, 'Id '),
    id,
    h('label', { for: 'upload-file' }, 'Storage state (JSON) '),
    file,
    submit,
  );
  return section('Upload a storage state', h('p', { class: 'muted small', text: 'A session recorded by hand (e.g. npx playwright codegen --save-storage=state.json URL). It is checked like any other but cannot be re-created: replace it when it expires.' }), form, result);
}

/** CREDENTIALS: the server logs in with the Project's auth-sessions/create API. */
function credentialsForm(project, reload) {
  const id = h('input', { type: 'text', id: 'cred-id', required: true, pattern: '[A-Za-z0-9_-]{1,64}', placeholder: 'shop-account' });
  const credentials = h('textarea', { id: 'cred-json', rows: '4', required: true, placeholder: '{"username": "...", "password": "..."}', spellcheck: 'false' });
  const result = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary', text: 'Create' });
  const form = h(
    'form',
    {
      class: 'fields',
      onsubmit: (e) => {
        e.preventDefault();
        act(submit, async () => {
          let parsed;
          try {
            parsed = JSON.parse(credentials.value);
          } catch (error) {
            fill(result, errorBox({ message: `The credentials are not JSON: ${error.message}` }));
            return;
          }
          try {
            await api.post(`/api/v1/projects/${seg(project)}/auth-sessions`, { id: id.value, type: 'CREDENTIALS', credentials: parsed });
            credentials.value = '';
            toast(`AuthSession ${id.value}: logging in`);
            reload();
          } catch (error) {
            fill(result, errorBox(error, 'Not created'));
          }
        });
      },
    },
    h('label', { for: 'cred-id' }, 'Id '),
    id,
    h('label', { for: 'cred-json' }, 'Credentials (JSON) '),
    credentials,
    submit,
  );
  return section('Create from credentials', h('p', { class: 'muted small', text: 'The credentials are kept encrypted by the server and never shown again.' }), form, result);
}
