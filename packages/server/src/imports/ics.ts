import { isTimeZone, wallTimeToInstant } from '@calmdesk/analysis/zoned';

export interface IcsProperty {
  name: string;
  /** Parameter names upper-cased; a quoted value without its quotes; a list value as written. */
  params: Record<string, string>;
  value: string;
  line: number;
}

export interface IcsEvent {
  /** 1, 2, 3 … in the order of the file. */
  index: number;
  line: number;
  properties: IcsProperty[];
}

export class IcsSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Reads the VEVENTs of an iCalendar (RFC 5545) file: unfolds continuation lines, splits parameters
 * (quoted values may hold `;`, `:` and `,`) and keeps property values raw; `unescapeText` decodes TEXT.
 * Properties of components nested in an event (VALARM) are left out.
 *
 * @example parseIcs('BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n')[0]?.properties[0]?.value // '1'
 */
export function parseIcs(text: string): IcsEvent[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const physical = source.split(/\r\n|\n|\r/);
  const events: IcsEvent[] = [];
  let event: IcsEvent | null = null;
  const nested: string[] = [];
  let sawCalendar = false;
  let i = 0;
  while (i < physical.length) {
    const line = i + 1;
    let content = physical[i] ?? '';
    i++;
    // A line that starts with a space or a tab continues the previous one (RFC 5545 §3.1).
    while (i < physical.length && /^[ \t]/.test(physical[i] ?? '')) {
      content += (physical[i] ?? '').slice(1);
      i++;
    }
    if (content.trim() === '') continue;
    const property = parseContentLine(content, line);
    const name = property.name;
    const value = property.value.trim().toUpperCase();
    if (name === 'BEGIN') {
      if (value === 'VCALENDAR') sawCalendar = true;
      else if (value === 'VEVENT' && !event) event = { index: events.length + 1, line, properties: [] };
      else if (event) nested.push(value);
    } else if (name === 'END') {
      if (event && nested.length > 0) {
        if (nested.pop() !== value) throw new IcsSyntaxError(`END:${value} closes nothing open`, line);
      } else if (event && value === 'VEVENT') {
        events.push(event);
        event = null;
      }
    } else if (event && nested.length === 0) {
      event.properties.push(property);
    }
  }
  if (event) throw new IcsSyntaxError('BEGIN:VEVENT is never ended', event.line);
  if (!sawCalendar && events.length === 0)
    throw new IcsSyntaxError('not an iCalendar file (no BEGIN:VCALENDAR)', 1);
  return events;
}

function parseContentLine(content: string, line: number): IcsProperty {
  const nameMatch = /^[A-Za-z0-9-]+/.exec(content);
  if (!nameMatch) throw new IcsSyntaxError(`"${content.slice(0, 40)}" is not a property line`, line);
  const params: Record<string, string> = {};
  let i = nameMatch[0].length;
  while (content[i] === ';') {
    const eq = content.indexOf('=', i);
    if (eq < 0) throw new IcsSyntaxError('a parameter without "="', line);
    const key = content.slice(i + 1, eq).toUpperCase();
    i = eq + 1;
    let value = '';
    // A parameter value is a comma-separated list; each item may be quoted.
    for (;;) {
      if (content[i] === '"') {
        const close = content.indexOf('"', i + 1);
        if (close < 0) throw new IcsSyntaxError(`the value of ${key} opens a quote it never closes`, line);
        value += content.slice(i + 1, close);
        i = close + 1;
      } else {
        let j = i;
        while (j < content.length && content[j] !== ';' && content[j] !== ':' && content[j] !== ',') j++;
        value += content.slice(i, j);
        i = j;
      }
      if (content[i] !== ',') break;
      value += ',';
      i++;
    }
    params[key] = value;
  }
  if (content[i] !== ':')
    throw new IcsSyntaxError(`${nameMatch[0].toUpperCase()} has no ":" before its value`, line);
  return { name: nameMatch[0].toUpperCase(), params, value: content.slice(i + 1), line };
}

/** Decodes a TEXT value: `\n` or `\N` is a line break, `\,` `\;` `\\` the character itself. */
export function unescapeText(value: string): string {
  return value.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/**
 * A DATE or DATE-TIME value as the import reads times: UTC and TZID times as an instant
 * (`…Z`), a floating time without an offset (the organisation's zone applies), a DATE as `YYYY-MM-DD`.
 */
export function icsTimeToText(property: IcsProperty): string {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(property.value.trim());
  if (!match) throw new Error(`"${property.value}" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`);
  const [, y, mo, d, h, mi, s, z] = match as unknown as string[];
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return date;
  const local = `${date}T${h}:${mi}:${s}`;
  if (z === 'Z') return `${local}Z`;
  const tzid = property.params.TZID;
  if (tzid === undefined) return local;
  const zone = ianaZoneOf(tzid);
  if (!zone)
    throw new Error(
      `TZID "${tzid}" is not a time zone this import knows (an IANA name such as Europe/Tallinn)`,
    );
  return new Date(
    wallTimeToInstant({ year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi!, second: +s! }, zone),
  ).toISOString();
}

/** An IANA zone from a TZID; calendar programs often prefix one (`/mozilla.org/20050126_1/Europe/Warsaw`). */
function ianaZoneOf(tzid: string): string | null {
  const trimmed = tzid.trim();
  if (isTimeZone(trimmed)) return trimmed;
  const tail = /([A-Za-z_-]+\/[A-Za-z_+-]+(?:\/[A-Za-z_-]+)?)$/.exec(trimmed)?.[1];
  for (const candidate of tail ? [tail, tail.split('/').slice(-2).join('/')] : []) {
    if (isTimeZone(candidate)) return candidate;
  }
  return null;
}
