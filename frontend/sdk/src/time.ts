/**
 * Times on the wire are strings: timestamps are RFC 3339 (`createdAt:
 * "2026-01-15T10:00:00.123456Z"`) and calendar dates `YYYY-MM-DD`
 * (`entryDate: "2026-01-15"`). These helpers convert them to and from `Date`.
 */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validDay(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Midnight UTC of a day (unlike `Date.UTC`, years 0 to 99 stay themselves). */
function utcDate(year: number, month: number, day: number): Date {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date;
}

/**
 * The instant an RFC 3339 timestamp names. Fractions of a millisecond are
 * dropped (a `Date` holds milliseconds). Throws a `RangeError` for anything
 * that is not an RFC 3339 timestamp.
 */
export function toDate(timestamp: string): Date {
  const match = TIMESTAMP.exec(timestamp);
  if (match === null) {
    throw new RangeError(`Not an RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
  }
  const [, y, mo, d, h, mi, s, fraction, zulu, sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // 60 is a leap second; a Date has none, so it rolls into the next minute.
  const second = Number(s);
  const offsetHours = zulu === undefined ? Number(oh) : 0;
  const offsetMinutes = zulu === undefined ? Number(om) : 0;
  if (!validDay(year, month, day) || hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) {
    throw new RangeError(`Not a valid RFC 3339 timestamp: ${JSON.stringify(timestamp)}`);
  }
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0"));
  const offset = (sign === "-" ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const date = utcDate(year, month, day);
  date.setUTCHours(hour, minute - offset, second, millis);
  return date;
}

/** A `Date` as the server takes a timestamp: RFC 3339 in UTC, with milliseconds. */
export function fromDate(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError("Invalid Date");
  }
  return date.toISOString();
}

/** A `YYYY-MM-DD` date as the `Date` of its midnight in UTC. */
export function dayToDate(day: string): Date {
  const match = DAY.exec(day);
  const [, y, m, d] = match ?? [];
  const year = Number(y);
  const month = Number(m);
  const dayOfMonth = Number(d);
  if (match === null || !validDay(year, month, dayOfMonth)) {
    throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
  }
  return utcDate(year, month, dayOfMonth);
}

/** The calendar day (in UTC) of a `Date`, as `YYYY-MM-DD`. */
export function dateToDay(date: Date): string {
  return fromDate(date).slice(0, 10);
}
