import { api, seg, storedKey } from '../api.js';
import { errorBox, h, put, setTitle } from '../ui.js';

const VIEWER = '/trace-viewer/index.html';
const READY_WAIT_MS = 15000;

/**
 * The attempt's trace in Playwright's own trace viewer, served by Drover under /trace-viewer/
 * (same origin, offline). Without an API key the viewer's service worker downloads the trace
 * itself (?trace=URL). With one, this page downloads it through api.js and hands the viewer the
 * file, as the viewer's drop target would: the service worker cannot send the key.
 */
export async function tracePage(main, page) {
  const { project, runId, attempt } = page.params;
  setTitle(`Trace of ${runId} #${attempt}`, project);
  const traceUrl = `/api/v1/projects/${seg(project)}/runs/${seg(runId)}/attempts/${seg(attempt)}/trace`;
  const direct = `${VIEWER}?trace=${encodeURIComponent(traceUrl)}`;
  const keyed = Boolean(storedKey());
  const frame = h('iframe', { class: 'trace-frame', title: `Playwright trace viewer: run ${runId}, attempt ${attempt}`, src: keyed ? VIEWER : direct });
  main.classList.add('wide');
  page.onLeave(() => main.classList.remove('wide'));
  put(main, 
    h(
      'div',
      { class: 'title-row' },
      h('h1', {}, 'Trace ', h('span', { class: 'muted', text: `of run ${runId}, attempt ${attempt}` })),
      h(
        'div',
        { class: 'button-row' },
        h('a', { class: 'button', href: `#/projects/${seg(project)}/runs/${seg(runId)}?attempt=${seg(attempt)}`, text: '← Back to the Run' }),
        keyed ? null : h('a', { class: 'button', href: direct, target: '_blank', rel: 'noopener', text: 'Open in a new tab' }),
      ),
    ),
    frame,
  );
  if (!keyed) return;
  try {
    const [blob] = await Promise.all([api.blob(`/api/v1/projects/${seg(project)}/runs/${seg(runId)}/attempts/${seg(attempt)}/trace`, { signal: page.signal }), viewerReady(frame, page)]);
    frame.contentWindow.postMessage({ method: 'load', params: { trace: blob } }, location.origin);
  } catch (error) {
    if (!page.left) put(main, errorBox(error, 'Could not open the trace'));
  }
}

/** Resolves once the viewer in the frame shows its drop target, i.e. listens for a trace. */
function viewerReady(frame, page) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const look = () => {
      if (page.left) return reject(new DOMException('left', 'AbortError'));
      const doc = frame.contentDocument;
      if (doc && doc.querySelector('.drop-target')) return resolve();
      if (Date.now() - started > READY_WAIT_MS) return reject(new Error('the trace viewer did not start'));
      setTimeout(look, 100);
    };
    look();
  });
}
