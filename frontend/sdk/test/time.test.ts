/** Timestamps and dates, from and to their wire strings. */

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { dateToDay, dayToDate, fromDate, toDate } from "../src/index.js";

describe("toDate", () => {
  test("reads the server's timestamps, microseconds and all", () => {
    assert.equal(toDate("2026-01-15T10:00:00.123456Z").toISOString(), "2026-01-15T10:00:00.123Z");
    assert.equal(toDate("2026-01-15T10:00:00Z").toISOString(), "2026-01-15T10:00:00.000Z");
    assert.equal(toDate("2026-01-15T10:00:00.5Z").getUTCMilliseconds(), 500);
    assert.equal(toDate("2026-01-15t10:00:00.123456789z").toISOString(), "2026-01-15T10:00:00.123Z");
  });

  test("applies offsets", () => {
    assert.equal(toDate("2026-01-15T10:00:00+02:00").toISOString(), "2026-01-15T08:00:00.000Z");
    assert.equal(toDate("2026-01-01T00:30:00-01:45").toISOString(), "2026-01-01T02:15:00.000Z");
    assert.equal(toDate("2025-12-31T23:30:00+00:00").toISOString(), "2025-12-31T23:30:00.000Z");
  });

  test("keeps years before 100", () => {
    assert.equal(toDate("0042-03-04T05:06:07Z").getUTCFullYear(), 42);
  });

  test("refuses what is not RFC 3339", () => {
    for (const bad of ["", "2026-01-15", "2026-01-15T10:00:00", "2026-02-30T00:00:00Z", "2026-01-15T24:00:00Z", "15/01/2026", "2026-01-15T10:00Z"]) {
      assert.throws(() => toDate(bad), RangeError, bad);
    }
  });

  test("round-trips with fromDate", () => {
    const now = new Date();
    assert.equal(toDate(fromDate(now)).getTime(), now.getTime());
    assert.throws(() => fromDate(new Date(Number.NaN)), RangeError);
  });
});

describe("calendar days", () => {
  test("YYYY-MM-DD to and from Date, in UTC", () => {
    assert.equal(dayToDate("2026-01-15").toISOString(), "2026-01-15T00:00:00.000Z");
    assert.equal(dateToDay(new Date("2026-01-15T23:59:59Z")), "2026-01-15");
    assert.equal(dateToDay(dayToDate("2024-02-29")), "2024-02-29");
    assert.throws(() => dayToDate("2023-02-29"), RangeError);
    assert.throws(() => dayToDate("2026-1-5"), RangeError);
  });
});
