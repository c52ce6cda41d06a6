import { go, route, start } from './router.js';
import { seg } from './api.js';
import { h } from './ui.js';
import { projectsPage } from './pages/projects.js';
import { jobsPage } from './pages/jobs.js';
import { jobPage } from './pages/job.js';
import { editorPage } from './pages/editor.js';
import { jobRunPage } from './pages/job-run.js';
import { runPage } from './pages/run.js';
import { tracePage } from './pages/trace.js';
import { runsPage } from './pages/runs.js';
import { authSessionsPage } from './pages/auth-sessions.js';

route('/', projectsPage);
route('/projects', projectsPage);
route('/projects/:project', (main, page) => go(`/projects/${seg(page.params.project)}/jobs`, {}, { replace: true }));
route('/projects/:project/jobs', jobsPage);
route('/projects/:project/jobs/new', editorPage);
route('/projects/:project/jobs/:jobId', jobPage);
route('/projects/:project/jobs/:jobId/edit', editorPage);
route('/projects/:project/job-runs/:jobRunId', jobRunPage);
route('/projects/:project/runs', runsPage);
route('/projects/:project/runs/:runId', runPage);
route('/projects/:project/runs/:runId/attempts/:attempt/trace', tracePage);
route('/projects/:project/auth-sessions', authSessionsPage);

/** The top bar's links for the Project in the URL. */
function nav() {
  const match = /^#\/projects\/([^/?]+)(\/[^/?]+)?/.exec(location.hash);
  const box = document.getElementById('nav');
  box.replaceChildren();
  box.append(h('a', { href: '#/', text: 'Projects', 'aria-current': match ? null : 'page' }));
  if (!match) return;
  const project = match[1];
  const tab = { '/job-runs': '/jobs' }[match[2]] || match[2] || '/jobs';
  const link = (path, text) =>
    h('a', { href: `#/projects/${project}${path}`, text, 'aria-current': tab === path ? 'page' : null });
  box.append(
    h('span', { class: 'crumb', text: decodeURIComponent(project) }),
    link('/jobs', 'Jobs'),
    link('/runs', 'Runs'),
    link('/auth-sessions', 'AuthSessions'),
  );
}

window.addEventListener('hashchange', nav);
nav();
start();
