import type { Instant } from "../campaign/model.js";

/**
 * Where each decision sits in time, as one number: its settle key. A decision about an event at
 * instant t (a refund request, an intercept, a report) has key 2t; a missed deadline at t has key
 * 2t + 1. Time is settled up to a key, exclusive (docs/interfaces.md, "Time, lateness and corrections"):
 *
 * - settling up to `passed(W)` = 2W takes every decision strictly before the watermark W, of
 *   either kind: "a deadline fires when the watermark passes it (strictly)", and so does a
 *   refund request, whose answer depends on what had happened by then;
 * - settling up to `through(T)` = 2T + 1 also takes the events at T, but no deadline at T: what
 *   a finished stream ends with, since an action at exactly a deadline is on time and nothing
 *   later will come.
 *
 * Keys stay exact: instants up to year 9999 are below 2^49, their doubles below 2^53.
 */
export const eventKey = (at: Instant): number => 2 * at;
export const deadlineKey = (due: Instant): number => 2 * due + 1;

/** Every decision strictly before the watermark `w`. */
export const passed = (w: Instant): number => 2 * w;
/** Every event decision at or before `t`, and every deadline strictly before it. */
export const through = (t: Instant): number => 2 * t + 1;

/** The instant a key stands for. */
export const instantOf = (key: number): Instant => Math.floor(key / 2);
