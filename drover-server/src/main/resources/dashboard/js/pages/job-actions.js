import { api, seg } from '../api.js';
import { act, confirmDialog, h, toast } from '../ui.js';

/**
 * Trigger, Pause or Resume, Edit and Delete for one Job. on.changed(summary) after a pause or
 * resume, on.triggered(jobRunId), on.deleted().
 */
export function jobActions(project, job, on) {
  const base = `#/projects/${seg(project)}`;
  const trigger = h('button', {
    type: 'button',
    text: 'Trigger',
    disabled: job.status === 'PAUSED',
    title: job.status === 'PAUSED' ? 'A paused Job cannot be triggered; resume it first' : `Start a JobRun of ${job.id} now`,
    onclick: () =>
      act(trigger, async () => {
        const { jobRunId } = await api.post(`/api/v1/projects/${seg(project)}/jobs/${seg(job.id)}/trigger`);
        toast('Triggered ', h('a', { href: `${base}/job-runs/${seg(jobRunId)}`, text: `JobRun ${jobRunId}` }));
        on.triggered?.(jobRunId);
      }),
  });
  const paused = job.status === 'PAUSED';
  const pauseOrResume = h('button', {
    type: 'button',
    text: paused ? 'Resume' : 'Pause',
    title: paused ? `Resume ${job.id}: its schedule and paused JobRuns go on` : `Pause ${job.id}: nothing new starts until it is resumed`,
    onclick: () =>
      act(pauseOrResume, async () => {
        const action = paused ? 'resume' : 'pause';
        const summary = paused
          ? await api.post(`/api/v1/projects/${seg(project)}/jobs/${seg(job.id)}/resume`)
          : await api.post(`/api/v1/projects/${seg(project)}/jobs/${seg(job.id)}/pause`);
        toast(`Job ${job.id}: ${action === 'pause' ? 'paused' : 'resumed'}`);
        on.changed?.(summary);
      }),
  });
  const remove = h('button', {
    type: 'button',
    class: 'danger',
    text: 'Delete',
    onclick: () =>
      act(remove, async () => {
        const sure = await confirmDialog(
          `Delete Job ${job.id}?`,
          `Job "${job.id}" is deleted for good; its JobRuns in progress are terminated first.`,
          `Delete ${job.id}`,
        );
        if (!sure) return;
        await api.del(`/api/v1/projects/${seg(project)}/jobs/${seg(job.id)}`);
        toast(`Job ${job.id} deleted`);
        on.deleted?.();
      }),
  });
  const edit = h('a', { class: 'button', href: `${base}/jobs/${seg(job.id)}/edit`, text: 'Edit' });
  return h('div', { class: 'button-row', role: 'group', 'aria-label': `Actions of ${job.id}` }, trigger, pauseOrResume, edit, remove);
}
