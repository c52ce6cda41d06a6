// A Job's schedule in words: "every 1h, or at 09:30 on Monday, Friday (Europe/Paris)".

const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
const MONTHS = ['JANUARY', 'FEBRUARY', 'MARCH', 'APRIL', 'MAY', 'JUNE', 'JULY', 'AUGUST', 'SEPTEMBER', 'OCTOBER', 'NOVEMBER', 'DECEMBER'];

const title = (word) => word.charAt(0) + word.slice(1).toLowerCase();

function named(value, names, offset) {
  if (typeof value === 'number') return names[value - offset] ? title(names[value - offset]) : String(value);
  if (typeof value === 'string' && value !== '*') return title(value);
  return String(value);
}

function values(spec, show = String) {
  if (Array.isArray(spec)) return spec.map((v) => values(v, show)).join(', ');
  if (spec && typeof spec === 'object') {
    const range = `${show(spec.start)}–${show(spec.end ?? spec.start)}`;
    return spec.step ? `${range} every ${spec.step}` : range;
  }
  return spec === '*' ? 'every' : show(spec);
}

const zero = (d) => !d || /^P?T?0+[smhdwSMHDW]?$/.test(d);
const every = (v) => v === undefined || v === '*';
const single = (v) => v === undefined || typeof v === 'number';
const two = (n) => String(n).padStart(2, '0');

function calendar(c) {
  const parts = [];
  if (single(c.hour) && single(c.minute) && single(c.second)) {
    const s = c.second ? `:${two(c.second)}` : '';
    parts.push(`at ${two(c.hour ?? 0)}:${two(c.minute ?? 0)}${s}`);
  } else {
    if (c.second !== undefined) parts.push(`second ${values(c.second)}`);
    parts.push(`minute ${values(c.minute ?? 0)}`);
    parts.push(`hour ${values(c.hour ?? 0)}`);
  }
  if (!every(c.dayOfWeek)) parts.push(`on ${values(c.dayOfWeek, (v) => named(v, DAYS, 1))}`);
  if (!every(c.dayOfMonth)) parts.push(`on day ${values(c.dayOfMonth)} of the month`);
  if (!every(c.month)) parts.push(`in ${values(c.month, (v) => named(v, MONTHS, 1))}`);
  if (!every(c.year)) parts.push(`in ${values(c.year)}`);
  return parts.join(' ');
}

export function scheduleWords(schedule) {
  if (!schedule) return 'on demand only (no schedule)';
  const rules = [];
  for (const i of schedule.intervals || []) rules.push(`every ${i.every}${zero(i.offset) ? '' : ` (offset ${i.offset})`}`);
  for (const c of schedule.calendars || []) rules.push(calendar(c));
  const crons = Array.isArray(schedule.cron) ? schedule.cron : schedule.cron ? [schedule.cron] : [];
  for (const c of crons) rules.push(`cron "${c}"`);
  let text = rules.length ? rules.join(', or ') : 'never (no interval, calendar or cron)';
  if (schedule.timezone) text += ` (${schedule.timezone})`;
  if (!zero(schedule.jitter)) text += `, up to ${schedule.jitter} late`;
  return text;
}

/** A sink named for a person: its type and where it delivers (never its headers or keys). */
export function sinkName(sink) {
  if (!sink) return null;
  if (sink.type === 'webhook') {
    try {
      return `webhook ${new URL(sink.url).host}`;
    } catch {
      return 'webhook';
    }
  }
  if (sink.type === 's3') return `S3 ${sink.bucket}${sink.prefix ? `/${sink.prefix}` : ''}`;
  return String(sink.type);
}

export function authSessionName(document) {
  const session = document && (document.authSession || document.auth_session);
  return session ? session.id : null;
}
