/**
 * Dates as a Salesforce user sees them: a Task's ActivityDate is a date without a time, read in its
 * owner's time zone (User.TimeZoneSidKey, an IANA zone name such as `Europe/Berlin`), so "due today"
 * for a rep in Tokyo is not "due today" for one in Los Angeles during most of the day. Node's Intl
 * knows the IANA zones, so no dependency is needed.
 */

/**
 * The calendar date of an instant in a time zone.
 * @param instant the moment
 * @param timeZone an IANA zone name (User.TimeZoneSidKey)
 * @returns YYYY-MM-DD
 * @throws RangeError for a zone Intl does not know
 */
export function localDate(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * A calendar date moved by whole days (no time zone involved: dates only).
 * @param date YYYY-MM-DD
 * @param days positive or negative
 */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00.000Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/** An instant `hours` before another, in ISO 8601 (UTC), which the REST API takes for datetimes. */
export function hoursBefore(instant: Date, hours: number): string {
  return new Date(instant.getTime() - hours * 3_600_000).toISOString();
}
