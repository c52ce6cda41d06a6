import { api, seg } from '../api.js';
import { empty, errorBox, h, put, setTitle } from '../ui.js';

let cached = null;

/** The server's Projects and their API names, asked once per page load. */
export function projects() {
  if (!cached) {
    cached = api.get('/api/v1/projects').then((body) => body.items);
    cached.catch(() => (cached = null));
  }
  return cached;
}

export async function apiNames(project) {
  const found = (await projects()).find((p) => p.name === project);
  return found ? found.apis : [];
}

export async function projectsPage(main, page) {
  setTitle('Projects');
  put(main, h('h1', { text: 'Projects' }));
  let items;
  try {
    items = await projects();
  } catch (error) {
    put(main, errorBox(error, 'Could not list the Projects'));
    return;
  }
  if (page.left) return;
  if (items.length === 0) {
    put(main, empty('This server has no Project. Build your Project as a jar against drover-sdk, put it in the server\'s projects directory and restart the server.'));
    return;
  }
  put(main, 
    h(
      'ul',
      { class: 'cards' },
      items.map((p) =>
        h(
          'li',
          { class: 'card' },
          h('h2', {}, h('a', { href: `#/projects/${seg(p.name)}/jobs`, text: p.name })),
          h('p', { class: 'muted', text: `${p.apis.length} API${p.apis.length === 1 ? '' : 's'}` }),
          h('ul', { class: 'chips', 'aria-label': `APIs of ${p.name}` }, p.apis.map((a) => h('li', { class: 'chip' }, h('code', { text: a })))),
          h(
            'p',
            { class: 'links' },
            h('a', { href: `#/projects/${seg(p.name)}/jobs`, text: 'Jobs' }),
            h('a', { href: `#/projects/${seg(p.name)}/jobs/new`, text: 'New Job' }),
            h('a', { href: `#/projects/${seg(p.name)}/runs`, text: 'Start a Run' }),
            h('a', { href: `#/projects/${seg(p.name)}/auth-sessions`, text: 'AuthSessions' }),
          ),
        ),
      ),
    ),
  );
}
