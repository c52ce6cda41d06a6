import { api, seg } from '../api.js';
import { act, badge, confirmDialog, counters, empty, errorBox, fill, h, pager, progress, put, section, setTitle, time, toast } from '../ui.js';
import { apiNames } from './projects.js';

const LIMIT = 50;
const POLL_MS = 1000;
const STATUSES = ['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED'];
const ACTIVE = ['RUNNING', 'PAUSED'];

export async function jobRunPage(main, page) {
  const { project, jobRunId } = page.params;
  const base = `#/projects/${seg(project)}`;
  setTitle(`JobRun ${jobRunId}`, project);
  const header = h('div', {}, h('h1', { text: `JobRun ${jobRunId}` }));
  const runsBox = h('div', { class: 'runs' }, h('p', { class: 'muted', text: 'Loading Runs…' }));
  put(main, header);

  const runsQuery = () => {
    const q = new URLSearchParams({ limit: String(LIMIT) });
    for (const name of ['status', 'apiName', 'cursor']) if (page.query[name]) q.set(name, page.query[name]);
    return q.toString();
  };
  let jobRun;
  let runs;
  try {
    [jobRun, runs] = await Promise.all([
      api.get(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}`, { signal: page.signal }),
      api.get(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}/runs?${runsQuery()}`, { signal: page.signal }),
    ]);
  } catch (error) {
    if (page.left) return;
    put(main, errorBox(error, 'Could not read the JobRun'));
    return;
  }
  if (page.left) return;

  const statusBox = h('span');
  const progressBox = h('div');
  const deliveriesBox = h('div');
  const factsBox = h('dl', { class: 'facts' });
  const terminate = h('button', {
    type: 'button',
    class: 'danger',
    text: 'Terminate',
    onclick: () =>
      act(terminate, async () => {
        const sure = await confirmDialog(
          `Terminate JobRun ${jobRunId}?`,
          `Its running Runs of Job "${jobRun.jobId}" are canceled at once and no further item runs.`,
          'Terminate',
        );
        if (!sure) return;
        show(await api.post(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}/terminate`));
        toast(`JobRun ${jobRunId} terminated`);
        await refreshRuns();
      }),
  });
  // Every Run as JSON Lines, fetched through api.js (so the key is sent) and saved from a blob URL.
  const exportRuns = h('button', {
    type: 'button',
    text: 'Export JSON Lines',
    title: 'Every Run of this JobRun, one per line',
    onclick: () =>
      act(exportRuns, async () => {
        const blob = await api.blob(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}/export`);
        const url = URL.createObjectURL(blob);
        const link = h('a', { href: url, download: `${jobRunId}.jsonl` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }),
  });
  const redeliver = h('button', {
    type: 'button',
    text: 'Redeliver failed',
    hidden: true,
    onclick: () =>
      act(redeliver, async () => {
        const answer = await api.post(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}/redeliver`);
        toast(`${answer.redelivered} deliveries sent again`);
        show(await api.get(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}`));
      }),
  });
  fill(header, 
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'JobRun ', h('span', { class: 'mono', text: jobRunId }), ' ', statusBox),
      h('div', { class: 'button-row' }, h('a', { class: 'button', href: `${base}/jobs/${seg(jobRun.jobId)}`, text: `Job ${jobRun.jobId}` }), exportRuns, terminate),
    ),
    factsBox,
    h('section', { class: 'panel', 'aria-label': 'Progress' }, progressBox, deliveriesBox),
  );

  function show(next) {
    jobRun = next;
    fill(statusBox, badge(next.status));
    terminate.hidden = !ACTIVE.includes(next.status);
    fill(progressBox, progress(next.counts));
    if (next.deliveries) {
      redeliver.hidden = !(next.deliveries.failed > 0);
      fill(deliveriesBox, h('h3', { text: 'Deliveries' }), counters(next.deliveries, ['pending', 'delivered', 'failed']), redeliver);
    }
    const c = next.configuration || {};
    fill(factsBox, 
      fact('Job', h('a', { href: `${base}/jobs/${seg(next.jobId)}`, text: next.jobId })),
      fact('Trigger', next.trigger),
      fact('Created', time(next.createdAt)),
      fact('Started', time(next.startedAt)),
      fact('Ended', time(next.endedAt)),
      next.reason ? fact('Reason', next.reason) : null,
      fact('Limits', `${c.maximumAttempts} attempts · ${c.maximumConcurrentRequests} at a time · ${c.requestTimeout} s per attempt`),
    );
  }
  show(jobRun);

  const filters = await filterBar(project, page);
  put(main, section('Runs', filters, runsBox));

  function showRuns(list) {
    if (list.items.length === 0) {
      const filtered = page.query.status || page.query.apiName;
      fill(runsBox, 
        empty(filtered ? 'No Run matches these filters.' : 'This JobRun has no Run yet.', filtered ? h('button', { type: 'button', text: 'Clear the filters', onclick: () => page.with({ status: '', apiName: '', cursor: '', prev: '' }) }) : null),
      );
      return;
    }
    fill(runsBox, 
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'list runs-table' },
          h('thead', {}, h('tr', {}, ['Run', 'API', 'Status', 'Attempts', 'Started', 'Ended', 'Error'].map((t) => h('th', { scope: 'col', text: t })))),
          h(
            'tbody',
            {},
            list.items.map((run) =>
              h(
                'tr',
                { dataset: { run: run.id } },
                h('th', { scope: 'row' }, h('a', { href: `${base}/runs/${seg(run.id)}`, text: run.id })),
                h('td', {}, h('code', { text: run.apiName })),
                h('td', {}, badge(run.status)),
                h('td', { text: `${run.attemptCount} / ${run.maximumAttempts}` }),
                h('td', {}, time(run.startedAt)),
                h('td', {}, time(run.endedAt)),
                h('td', { class: 'error-cell', title: run.error || '', text: run.error || '' }),
              ),
            ),
          ),
        ),
      ),
      pager(page, list.nextCursor),
    );
  }
  async function refreshRuns() {
    showRuns(await api.get(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}/runs?${runsQuery()}`, { signal: page.signal }));
  }
  showRuns(runs);
  performance.mark('drover:job-run:first-screen');

  let ticks = 0;
  page.every(POLL_MS, async () => {
    if (!ACTIVE.includes(jobRun.status)) return;
    try {
      show(await api.get(`/api/v1/projects/${seg(project)}/job-runs/${seg(jobRunId)}`, { signal: page.signal }));
      if (++ticks % 2 === 0 || !ACTIVE.includes(jobRun.status)) await refreshRuns();
    } catch (error) {
      if (!page.left) toast(errorBox(error, 'Could not refresh the JobRun'));
    }
  });
}

function fact(name, value) {
  return h('div', {}, h('dt', { text: name }), h('dd', {}, value));
}

async function filterBar(project, page) {
  const apis = await apiNames(project).catch(() => []);
  const select = (name, label, options) =>
    h(
      'label',
      {},
      `${label} `,
      h(
        'select',
        {
          name,
          onchange: (e) => page.with({ [name]: e.target.value, cursor: '', prev: '' }),
        },
        h('option', { value: '', text: 'all' }),
        options.map((o) => h('option', { value: o, text: o, selected: page.query[name] === o })),
      ),
    );
  return h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, select('status', 'Status', STATUSES), select('apiName', 'API', apis));
}
