import { api, seg } from '../api.js';
import { authSessionName, scheduleWords, sinkName } from '../schedule-words.js';
import { badge, empty, errorBox, fill, h, pager, progress, put, setTitle, time } from '../ui.js';
import { jobActions } from './job-actions.js';

const LIMIT = 50;
// Documents are fetched per Job for the schedule, sink and AuthSession; one with a payload
// larger than this is not downloaded for a list row (its page shows it).
const MAX_DOCUMENT_ITEMS = 2000;
const documents = new Map();

/** A Job's document (cached by version), or null when it is too large for the list. */
export async function jobDocument(project, job, signal) {
  if (job.payloadSize > MAX_DOCUMENT_ITEMS) return null;
  const key = `${project}/${job.id}@${job.version}`;
  if (!documents.has(key)) {
    const loaded = api.get(`/api/v1/projects/${seg(project)}/jobs/${seg(job.id)}`, { signal }).then((full) => full.document);
    documents.set(key, loaded);
    loaded.catch(() => documents.delete(key));
  }
  return documents.get(key);
}

/** Runs fn over items, at most `width` at a time. */
async function eachLimited(items, width, fn) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(width, queue.length) }, async () => {
    while (queue.length) await fn(queue.shift());
  });
  await Promise.all(workers);
}

export function lastJobRunCell(project, jobRun) {
  if (!jobRun) return h('span', { class: 'muted', text: 'none yet' });
  return h(
    'div',
    { class: 'last-run' },
    h('a', { href: `#/projects/${seg(project)}/job-runs/${seg(jobRun.id)}` }, badge(jobRun.status)),
    ' ',
    time(jobRun.createdAt),
    progress(jobRun.counts, { compact: true }),
  );
}

export async function jobsPage(main, page) {
  const project = page.params.project;
  setTitle('Jobs', project);
  put(main, 
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Jobs ', h('span', { class: 'muted', text: `of ${project}` })),
      h('a', { class: 'button primary', href: `#/projects/${seg(project)}/jobs/new`, text: 'New Job' }),
    ),
  );
  const body = h('div', { class: 'jobs' }, h('p', { class: 'muted', text: 'Loading Jobs…' }));
  put(main, body);

  const query = `limit=${LIMIT}${page.query.cursor ? `&cursor=${seg(page.query.cursor)}` : ''}`;
  const load = () => api.get(`/api/v1/projects/${seg(project)}/jobs?${query}`, { signal: page.signal });
  let list;
  try {
    list = await load();
  } catch (error) {
    if (page.left) return;
    fill(body, errorBox(error, 'Could not list the Jobs'));
    return;
  }
  if (page.left) return;
  if (list.items.length === 0 && !page.query.cursor) {
    fill(body, 
      empty(
        `Project ${project} has no Job yet. A Job says which APIs to run with which parameters, how and when.`,
        h('a', { class: 'button primary', href: `#/projects/${seg(project)}/jobs/new`, text: 'Create a Job' }),
      ),
    );
    return;
  }
  const rows = new Map();
  const tbody = h('tbody');
  const refresh = async () => {
    const fresh = await load();
    for (const job of fresh.items) rows.get(job.id)?.update(job);
  };
  for (const job of list.items) {
    const r = jobRow(project, job, page, refresh);
    rows.set(job.id, r);
    put(tbody, r.element);
  }
  fill(body, 
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'list' },
        h('thead', {}, h('tr', {}, ['Job', 'Status', 'Schedule', 'Last JobRun', 'Sink', 'AuthSession', 'Actions'].map((t) => h('th', { scope: 'col', text: t })))),
        tbody,
      ),
    ),
    pager(page, list.nextCursor),
  );
  performance.mark('drover:jobs:first-screen');

  page.every(3000, async () => {
    const active = [...rows.values()].some((r) => ['RUNNING', 'PAUSED'].includes(r.job.lastJobRun?.status));
    if (active) await refresh().catch(() => {});
  });
  eachLimited(list.items, 4, async (job) => {
    if (page.left) return;
    try {
      rows.get(job.id).details(await jobDocument(project, job, page.signal));
    } catch (error) {
      if (!page.left) rows.get(job.id).detailsFailed(error);
    }
  });
}

function jobRow(project, job, page, refresh) {
  const cells = {
    status: h('td'),
    words: h('span', { class: 'muted', text: '…' }),
    next: h('div', { class: 'small' }),
    last: h('td'),
    sink: h('td', { class: 'muted', text: '…' }),
    auth: h('td', { class: 'muted', text: '…' }),
    actions: h('td', { class: 'actions' }),
  };
  const element = h(
    'tr',
    { dataset: { job: job.id } },
    h('th', { scope: 'row' }, h('a', { href: `#/projects/${seg(project)}/jobs/${seg(job.id)}`, text: job.id }), h('div', { class: 'small muted', text: `${job.payloadSize} item${job.payloadSize === 1 ? '' : 's'}` })),
    cells.status,
    h('td', { class: 'schedule' }, cells.words, cells.next),
    cells.last,
    cells.sink,
    cells.auth,
    cells.actions,
  );
  const row = {
    element,
    job,
    update(fresh) {
      const statusChanged = !row.rendered || fresh.status !== row.job.status;
      row.job = fresh;
      row.rendered = true;
      fill(cells.status, badge(fresh.status));
      fill(cells.last, lastJobRunCell(project, fresh.lastJobRun));
      fill(cells.next, fresh.nextFireAt ? h('span', {}, 'next ', time(fresh.nextFireAt)) : '');
      if (statusChanged) {
        fill(cells.actions, 
          jobActions(project, fresh, {
            changed: (updated) => (updated ? row.update({ ...row.job, ...updated }) : refresh()),
            deleted: () => element.remove(),
            triggered: () => refresh(),
          }),
        );
      }
    },
    details(document) {
      if (!document) {
        fill(cells.words, h('a', { href: `#/projects/${seg(project)}/jobs/${seg(job.id)}`, text: 'see the Job' }));
        fill(cells.sink, '—');
        fill(cells.auth, '—');
        return;
      }
      cells.words.className = '';
      cells.words.textContent = scheduleWords(document.schedule);
      fill(cells.sink, sinkName(document.sink) || '—');
      fill(cells.auth, authSessionName(document) || '—');
    },
    detailsFailed(error) {
      cells.words.className = 'error-text';
      cells.words.title = error.message;
      cells.words.textContent = error.code || 'error';
    },
  };
  row.update(job);
  return row;
}
