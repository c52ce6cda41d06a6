// Where each JSON path ($.payload[0].apiName) sits in a JSON text, so the server's problems can be
// shown at their line. A small tolerant parser: on a syntax error it keeps what it found so far.

export function locatePaths(text) {
  const spans = new Map();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i])) i++;
  };
  const fail = () => {
    throw new SyntaxError(`at ${i}`);
  };
  const string = () => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    if (i >= text.length) fail();
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const value = (path, keyStart) => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail();
          const at = i;
          const key = string();
          ws();
          if (text[i] !== ':') fail();
          i++;
          value(/^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}['${key}']`, at);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') {
            i++;
            break;
          } else fail();
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value(`${path}[${n}]`);
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') {
            i++;
            break;
          } else fail();
        }
      }
    } else if (c === '"') {
      string();
    } else {
      const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
      if (!m) fail();
      i += m[0].length;
    }
    spans.set(path, { start: keyStart ?? start, end: i });
  };
  try {
    value('$');
  } catch {
    // keep the paths found before the error
  }
  return spans;
}

/** The span of a path, or of its nearest parent that is in the text ($.a.b[2] -> $.a.b -> $.a). */
export function spanOf(spans, path) {
  let p = path || '$';
  while (p) {
    if (spans.has(p)) return spans.get(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return spans.get('$') || { start: 0, end: 0 };
}
