import { isTimeZone, wallTimeToInstant } from '@calmdesk/analysis/zoned';
import ICAL from 'ical.js';

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

/** A DATE or DATE-TIME the import cannot read: why, and the value as written. */
export class IcsTimeError extends Error {
  constructor(
    message: string,
    readonly reason: 'ics_time_invalid' | 'time_zone_unknown',
    readonly value: string,
  ) {
    super(message);
  }
}

/** Occurrences of one series at most; a longer one is left whole, and the import refuses it. */
const MAX_OCCURRENCES = 1000;

/**
 * Reads the VEVENTs of an iCalendar (RFC 5545) file: unfolds continuation lines, splits parameters
 * (quoted values may hold `;`, `:` and `,`) and keeps property values raw; `unescapeText` decodes TEXT.
 * Properties of components nested in an event (VALARM) are left out. With ical.js, a time in a zone
 * the file defines (VTIMEZONE) becomes UTC, and a series with an end (RRULE with COUNT or UNTIL, less
 * its EXDATEs and the occurrences moved by a RECURRENCE-ID event) becomes one event per occurrence,
 * its UID followed by `/` and the occurrence's start as written.
 *
 * @example parseIcs('BEGIN:VEVENT\r\nUID:1\r\nEND:VEVENT\r\n')[0]?.properties[0]?.value // '1'
 */
export function parseIcs(text: string): IcsEvent[] {
  const events = readEvents(text);
  return /^(?:RRULE[;:]|BEGIN:VTIMEZONE)/im.test(text) ? resolveWithCalendar(text, events) : events;
}

/** The events with their lines, as written: the structure every rejection points into. */
function readEvents(text: string): IcsEvent[] {
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
  if (!match) {
    throw new IcsTimeError(
      `"${property.value}" is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)`,
      'ics_time_invalid',
      property.value,
    );
  }
  const [, y, mo, d, h, mi, s, z] = match as unknown as string[];
  const date = `${y}-${mo}-${d}`;
  if (h === undefined) return date;
  const local = `${date}T${h}:${mi}:${s}`;
  if (z === 'Z') return `${local}Z`;
  const tzid = property.params.TZID;
  if (tzid === undefined) return local;
  const zone = ianaZoneOf(tzid);
  if (!zone)
    throw new IcsTimeError(
      `TZID "${tzid}" is not a time zone this import knows (an IANA name such as Europe/Tallinn)`,
      'time_zone_unknown',
      tzid,
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

const OCCURRENCE_PROPERTIES = new Set(['RRULE', 'RDATE', 'EXDATE']);

/** Times in the file's own zones as UTC, and bounded series as their occurrences (see parseIcs). */
function resolveWithCalendar(text: string, events: IcsEvent[]): IcsEvent[] {
  let roots: ICAL.Component[];
  try {
    const parsed = ICAL.parse(text);
    const list = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[][];
    roots = list.map((jcal) => new ICAL.Component(jcal));
  } catch (error) {
    throw new IcsSyntaxError((error as Error).message, 1);
  }
  const all = (name: string) =>
    roots.flatMap((root) => (root.name === name ? [root] : root.getAllSubcomponents(name)));
  const zones = new Map<string, ICAL.Timezone>();
  for (const definition of all('vtimezone')) {
    const zone = new ICAL.Timezone(definition);
    zones.set(zone.tzid, zone);
  }
  const vevents = all('vevent');
  if (vevents.length !== events.length) return events.map((event) => inUtc(event, zones));
  const moved = new Set(
    events.flatMap((event) => {
      const uid = propertyValue(event, 'UID');
      const recurrenceId = propertyValue(event, 'RECURRENCE-ID');
      return uid !== undefined && recurrenceId !== undefined ? [`${uid}/${recurrenceId}`] : [];
    }),
  );
  return events.flatMap((event, i) => {
    const recurrenceId = propertyValue(event, 'RECURRENCE-ID');
    if (recurrenceId !== undefined)
      return [inUtc(withUid(event, `${propertyValue(event, 'UID')}/${recurrenceId}`), zones)];
    const occurrences = occurrencesOf(event, vevents[i]!, moved);
    return (occurrences ?? [event]).map((one) => inUtc(one, zones));
  });
}

/** A bounded series as one event per occurrence; undefined for a single event or a series left whole. */
function occurrencesOf(event: IcsEvent, vevent: ICAL.Component, moved: Set<string>): IcsEvent[] | undefined {
  const rule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  const uid = propertyValue(event, 'UID');
  if (!rule || uid === undefined || (!rule.count && !rule.until)) return undefined;
  const starts: string[] = [];
  const iterator = new ICAL.Event(vevent).iterator();
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (starts.length === MAX_OCCURRENCES) return undefined;
    starts.push(icsValueOf(next));
  }
  return starts
    .filter((start) => !moved.has(`${uid}/${start}`))
    .map((start) => {
      const occurrence = withUid(event, `${uid}/${start}`);
      const properties = occurrence.properties
        .filter((p) => !OCCURRENCE_PROPERTIES.has(p.name))
        .map((p) => (p.name === 'DTSTART' ? { ...p, value: start } : p));
      return { ...occurrence, properties };
    });
}

function withUid(event: IcsEvent, uid: string): IcsEvent {
  return { ...event, properties: event.properties.map((p) => (p.name === 'UID' ? { ...p, value: uid } : p)) };
}

function propertyValue(event: IcsEvent, name: string): string | undefined {
  return event.properties.find((p) => p.name === name)?.value.trim();
}

/** A DATE or DATE-TIME as the file writes it, without a zone: `20260310` or `20260310T100000`. */
function icsValueOf(time: ICAL.Time): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const date = `${time.year}${two(time.month)}${two(time.day)}`;
  return time.isDate ? date : `${date}T${two(time.hour)}${two(time.minute)}${two(time.second)}`;
}

/** DTSTART in a zone the file defines, as UTC (`…Z`, no TZID); IANA and floating times are left to icsTimeToText. */
function inUtc(event: IcsEvent, zones: Map<string, ICAL.Timezone>): IcsEvent {
  if (zones.size === 0) return event;
  return {
    ...event,
    properties: event.properties.map((p) => {
      const zone = p.name === 'DTSTART' && p.params.TZID !== undefined ? zones.get(p.params.TZID) : undefined;
      const wall = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(p.value.trim());
      if (!zone || !wall) return p;
      const [, year, month, day, hour, minute, second] = wall.map(Number) as number[];
      const at = ICAL.Time.fromData({ year, month, day, hour, minute, second, isDate: false }, zone);
      const { TZID: _zone, ...params } = p.params;
      return {
        ...p,
        params,
        value: `${new Date(at.toUnixTime() * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')}`,
      };
    }),
  };
}
