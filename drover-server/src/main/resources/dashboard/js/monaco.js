// Monaco, served by Drover from the webjar org.webjars.npm:monaco-editor, loaded on first use.
import { locatePaths, spanOf } from './json-paths.js';

const VS = '/webjars/monaco-editor/0.52.2/min/vs';
let loading = null;
let models = 0;
const schemas = new Map();

export function loadMonaco() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `${VS}/loader.js`;
      script.onload = () => {
        window.require.config({ paths: { vs: `${location.origin}${VS}` } });
        window.require(['vs/editor/editor.main'], () => resolve(window.monaco), reject);
      };
      script.onerror = () => reject(new Error(`could not load the editor from ${VS}`));
      document.head.append(script);
    });
    loading.catch(() => (loading = null));
  }
  return loading;
}

function applySchemas(monaco) {
  monaco.languages.json.jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [...schemas.values()],
  });
}

/**
 * A JSON editor in container. schema (optional) drives Monaco's validation and completion.
 * Returns {getValue, setValue, onChange, showProblems(problems), reveal(path), focus, dispose}.
 */
export async function jsonEditor(container, { value, schema, schemaUri, label, height }) {
  const monaco = await loadMonaco();
  const uri = monaco.Uri.parse(`inmemory://drover/model-${++models}.json`);
  if (schema) {
    schemas.set(uri.toString(), { uri: schemaUri || `${location.origin}/schemas/${models}.json`, fileMatch: [uri.toString()], schema });
    applySchemas(monaco);
  }
  const model = monaco.editor.createModel(value, 'json', uri);
  if (height) container.style.height = height;
  const editor = monaco.editor.create(container, {
    model,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    tabSize: 2,
    fontSize: 13,
    ariaLabel: label,
    fixedOverflowWidgets: true,
  });
  const subscriptions = [];
  const resolveSpan = (path) => {
    const span = spanOf(locatePaths(model.getValue()), path);
    const start = model.getPositionAt(span.start);
    const end = model.getPositionAt(Math.max(span.end, span.start + 1));
    return { start, end };
  };
  return {
    monaco,
    editor,
    getValue: () => model.getValue(),
    setValue: (text) => model.setValue(text),
    onChange(fn) {
      subscriptions.push(model.onDidChangeContent(() => fn(model.getValue())));
    },
    /** The server's problems as error markers at their paths; each gets its line number. */
    showProblems(problems) {
      const markers = problems.map((p) => {
        const { start, end } = resolveSpan(p.path);
        p.line = start.lineNumber;
        return {
          severity: monaco.MarkerSeverity.Error,
          message: p.message,
          source: p.path,
          startLineNumber: start.lineNumber,
          startColumn: start.column,
          endLineNumber: end.lineNumber,
          endColumn: end.column,
        };
      });
      monaco.editor.setModelMarkers(model, 'drover', markers);
    },
    reveal(path) {
      const { start, end } = resolveSpan(path);
      editor.setSelection(new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column));
      editor.revealLineInCenter(start.lineNumber);
      editor.focus();
    },
    onSave(fn) {
      editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, fn);
    },
    editorMarkers: () => monaco.editor.getModelMarkers({ resource: uri }).filter((m) => m.owner !== 'drover'),
    onMarkers(fn) {
      subscriptions.push(
        monaco.editor.onDidChangeMarkers((uris) => {
          if (uris.some((u) => u.toString() === uri.toString())) fn();
        }),
      );
    },
    focus: () => editor.focus(),
    dispose() {
      subscriptions.forEach((s) => s.dispose());
      schemas.delete(uri.toString());
      if (schema) applySchemas(monaco);
      editor.dispose();
      model.dispose();
    },
  };
}
