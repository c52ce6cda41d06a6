import { api, seg } from '../api.js';
import { go } from '../router.js';
import { authSessionName, scheduleWords, sinkName } from '../schedule-words.js';
import { badge, empty, errorBox, fill, h, jsonTree, pager, progress, put, section, setTitle, time } from '../ui.js';
import { jobActions } from './job-actions.js';

const PAYLOAD_SHOWN = 20;

export async function jobPage(main, page) {
  const { project, jobId } = page.params;
  setTitle(jobId, project);
  let job;
  try {
    job = await api.get(`/api/v1/projects/${seg(project)}/jobs/${seg(jobId)}`, { signal: page.signal });
  } catch (error) {
    if (page.left) return;
    put(main, h('h1', { text: `Job ${jobId}` }), errorBox(error, 'Could not read the Job'));
    return;
  }
  if (page.left) return;
  const document = job.document;
  const reload = () => go(page.path, page.query, { replace: true });
  put(main, 
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Job ', h('span', { text: job.id }), ' ', badge(job.status)),
      jobActions(project, job, {
        changed: reload,
        triggered: (jobRunId) => go(`/projects/${seg(project)}/job-runs/${seg(jobRunId)}`),
        deleted: () => go(`/projects/${seg(project)}/jobs`),
      }),
    ),
    h(
      'dl',
      { class: 'facts' },
      fact('Schedule', scheduleWords(document.schedule)),
      fact('Next fire', time(job.nextFireAt)),
      fact('Payload', `${job.payloadSize} item${job.payloadSize === 1 ? '' : 's'}`),
      fact('Sink', sinkName(document.sink) || '—'),
      fact('AuthSession', authSessionName(document) || '—'),
      fact('Version', String(job.version)),
      fact('Created', time(job.createdAt)),
      fact('Updated', time(job.updatedAt)),
    ),
  );
  const runsBox = h('div', {}, h('p', { class: 'muted', text: 'Loading JobRuns…' }));
  put(main, section('JobRuns', runsBox));
  if (document.schedule) put(main, schedulePanel(project, jobId, page));
  const shown = { ...document, payload: (document.payload || []).slice(0, PAYLOAD_SHOWN) };
  put(main, 
    section(
      'Document',
      job.payloadSize > PAYLOAD_SHOWN ? h('p', { class: 'muted', text: `The first ${PAYLOAD_SHOWN} of ${job.payloadSize} payload items are shown.` }) : null,
      jsonTree(shown),
    ),
  );

  const listRuns = async () => {
    const cursor = page.query.cursor ? `&cursor=${seg(page.query.cursor)}` : '';
    const list = await api.get(`/api/v1/projects/${seg(project)}/jobs/${seg(jobId)}/job-runs?limit=20${cursor}`, { signal: page.signal });
    if (page.left) return list;
    if (list.items.length === 0 && !page.query.cursor) {
      fill(runsBox, empty(job.status === 'PAUSED' ? 'No JobRun yet. Resume the Job, then trigger it.' : 'No JobRun yet. Trigger the Job to start one.'));
      return list;
    }
    fill(runsBox, 
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'list' },
          h('thead', {}, h('tr', {}, ['JobRun', 'Status', 'Trigger', 'Created', 'Ended', 'Progress'].map((t) => h('th', { scope: 'col', text: t })))),
          h(
            'tbody',
            {},
            list.items.map((jr) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, h('a', { href: `#/projects/${seg(project)}/job-runs/${seg(jr.id)}`, text: jr.id })),
                h('td', {}, badge(jr.status)),
                h('td', { text: jr.trigger }),
                h('td', {}, time(jr.createdAt)),
                h('td', {}, time(jr.endedAt)),
                h('td', {}, progress(jr.counts, { compact: true })),
              ),
            ),
          ),
        ),
      ),
      pager(page, list.nextCursor),
    );
    return list;
  };
  try {
    const first = await listRuns();
    if (first.items.some((jr) => jr.status === 'RUNNING' || jr.status === 'PAUSED')) {
      page.every(2000, () => listRuns().catch(() => {}));
    }
  } catch (error) {
    if (!page.left) fill(runsBox, errorBox(error, 'Could not list the JobRuns'));
  }
}

function fact(name, value) {
  return h('div', {}, h('dt', { text: name }), h('dd', {}, value));
}

/** Next fire times and the recent skipped fires with their reasons. */
function schedulePanel(project, jobId, page) {
  const box = h('div', {}, h('p', { class: 'muted', text: 'Loading the schedule…' }));
  api
    .get(`/api/v1/projects/${seg(project)}/jobs/${seg(jobId)}/schedule?count=10`, { signal: page.signal })
    .then((schedule) => {
      fill(box, 
        h(
          'div',
          { class: 'two-columns' },
          h(
            'div',
            {},
            h('h3', { text: 'Next fire times' }),
            schedule.nextFireTimes.length
              ? h('ol', { class: 'times' }, schedule.nextFireTimes.map((t) => h('li', {}, time(t))))
              : h('p', { class: 'muted', text: 'This schedule never fires again.' }),
          ),
          h(
            'div',
            {},
            h('h3', { text: 'Skipped fires' }),
            schedule.skipped.length
              ? h(
                  'table',
                  { class: 'list' },
                  h('thead', {}, h('tr', {}, ['Due at', 'Recorded', 'Reason'].map((t) => h('th', { scope: 'col', text: t })))),
                  h('tbody', {}, schedule.skipped.map((s) => h('tr', {}, h('td', {}, time(s.nominalAt)), h('td', {}, time(s.recordedAt)), h('td', { text: s.reason })))),
                )
              : h('p', { class: 'muted', text: 'No fire was skipped.' }),
          ),
        ),
      );
    })
    .catch((error) => {
      if (!page.left) fill(box, errorBox(error, 'Could not read the schedule'));
    });
  return section('Schedule', box);
}
