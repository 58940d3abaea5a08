// Dutch names of days, weeks, months and years, and the calendar arithmetic the charts need.
// Dates are "YYYY-MM-DD" strings (a month filter is "YYYY-MM"); arithmetic runs in UTC.

export const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
  "september", "oktober", "november", "december"];
const SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov",
  "dec"];
const DAY_MS = 86_400_000;

/** The day, month and year numbers of "YYYY-MM-DD" (or "YYYY-MM", day 1). */
function parts(date) {
  const [year, month, day] = date.split("-").map((part) => parseInt(part, 10));
  return { year, month, day: day || 1 };
}

function utc(date) {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day));
}

function isoDay(moment) {
  return moment.toISOString().slice(0, 10);
}

export function addDays(date, days) {
  return isoDay(new Date(utc(date).getTime() + days * DAY_MS));
}

function lastDayOfMonth(month) {
  const { year, month: number } = parts(month);
  return isoDay(new Date(Date.UTC(year, number, 0)));
}

/** The ISO week of a day: `{ year, week }` (the year is the one its Thursday falls in). */
export function isoWeek(date) {
  const moment = utc(date);
  const thursday = new Date(moment.getTime() + (3 - ((moment.getUTCDay() + 6) % 7)) * DAY_MS);
  const year = thursday.getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) };
}

export function monthName(month) {
  const [year, number] = (month || "").split("-");
  const name = MONTHS[parseInt(number, 10) - 1];
  return name ? `${name} ${year}` : "zonder datum";
}

/** "15 maart 2023" for a day, "maart 2023" for a month (or without one). */
export function formatDate(date, month) {
  if (!date || date.length < 10) return monthName(date || month);
  const { year, month: number, day } = parts(date);
  return `${day} ${MONTHS[number - 1]} ${year}`;
}

/** The first and last day that a `since`..`until` (or `month`) filter of the page covers. */
export function filterDays({ month, since, until }) {
  if (month) return [`${month}-01`, lastDayOfMonth(month)];
  if (!since && !until) return null;
  const first = !since ? "0000-01-01" : since.length > 7 ? since : `${since}-01`;
  const last = !until ? "9999-12-31" : until.length > 7 ? until : lastDayOfMonth(until);
  return [first, last];
}

/** How the page names a period filter: "maart 2023", "2023", "1 t/m 7 maart 2023"... */
export function periodLabel({ month, since, until }) {
  if (month) return monthName(month);
  if (since && since === until) return formatDate(since);
  if (/^\d{4}-01$/.test(since) && until === `${since.slice(0, 4)}-12`) return since.slice(0, 4);
  if (since && until) return `${formatDate(since)} t/m ${formatDate(until)}`;
  if (since) return `vanaf ${formatDate(since)}`;
  return `tot en met ${formatDate(until)}`;
}

// -- buckets of a timeline: each starts on its first day ----------------------------------

/** The last day of the bucket of `interval` that starts on `start`. */
export function bucketEnd(start, interval) {
  if (interval === "day") return start;
  if (interval === "week") return addDays(start, 6);
  if (interval === "month") return lastDayOfMonth(start);
  return `${start.slice(0, 4)}-12-31`;
}

/** A bucket's name in full: "15 maart 2023", "week 11 van 2023 (13 t/m 19 maart)"... */
export function bucketLabel(start, interval) {
  if (interval === "day") return formatDate(start);
  if (interval === "month") return monthName(start);
  if (interval === "year") return start.slice(0, 4);
  const { year, week } = isoWeek(start);
  const end = parts(addDays(start, 6));
  const first = parts(start);
  const from = first.month === end.month ? `${first.day}` : `${first.day} ${MONTHS[first.month - 1]}`;
  return `week ${week} van ${year} (${from} t/m ${end.day} ${MONTHS[end.month - 1]})`;
}

/** The filter values that choose the buckets `first`..`last` (starts, in order). */
export function bucketFilter(first, last, interval) {
  if (interval === "month" && first === last) return { month: first.slice(0, 7), since: "", until: "" };
  if (interval === "month") return { month: "", since: first.slice(0, 7), until: last.slice(0, 7) };
  if (interval === "year") {
    return { month: "", since: `${first.slice(0, 4)}-01`, until: `${last.slice(0, 4)}-12` };
  }
  return { month: "", since: first, until: bucketEnd(last, interval) };
}

// -- the axis of a chart: marks at the start of days, weeks, months, quarters or years -------

/** The grains an axis can mark, finest first: which bucket starts a new one, and its text. */
export const AXIS_GRAINS = {
  day: { key: (date) => date, text: (date) => String(parts(date).day) },
  week: { key: (date) => addDays(date, -((utc(date).getUTCDay() + 6) % 7)), // its Monday
    text: (date) => String(parts(date).day) },
  month: { key: (date) => date.slice(0, 7), text: (date) => SHORT_MONTHS[parts(date).month - 1] },
  quarter: { key: (date) => `${date.slice(0, 4)}-${Math.ceil(parts(date).month / 3)}`,
    text: (date) => SHORT_MONTHS[parts(date).month - 1] },
  year: { key: (date) => date.slice(0, 4), text: (date) => date.slice(0, 4) },
};

/** For each interval: the grains its axis may mark, finest first, and the grain that names
 * the context of a fine mark on a second line (the month of a day, the year of a month). */
export const AXIS_GRAINS_OF = {
  day: [["day", "month"], ["week", "month"], ["month", "year"], ["quarter", "year"], ["year", null]],
  week: [["week", "month"], ["month", "year"], ["quarter", "year"], ["year", null]],
  month: [["month", "year"], ["quarter", "year"], ["year", null]],
  year: [["year", null]],
};

/** The text of a context mark: "mrt 2023" under days, "2023" under months. */
export function contextText(date, grain) {
  return grain === "month" ? `${SHORT_MONTHS[parts(date).month - 1]} ${date.slice(0, 4)}`
    : date.slice(0, 4);
}
