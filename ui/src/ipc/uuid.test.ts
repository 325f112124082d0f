import { describe, expect, it } from "vitest";
import { uuidv7, uuidv7Time } from "./uuid";

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("uuidv7", () => {
  it("has the RFC 9562 layout: version 7 and variant 10", () => {
    for (let i = 0; i < 200; i++) expect(uuidv7()).toMatch(FORMAT);
  });

  it("carries the millisecond timestamp in its first 48 bits", () => {
    const at = Date.now() + 10_000_000; // later than any id made so far in this run
    const id = uuidv7(at);
    expect(uuidv7Time(id)).toBe(at);
    expect(id.slice(0, 13)).toBe(at.toString(16).padStart(12, "0").replace(/^(.{8})/, "$1-"));
  });

  it("sorts in the order the ids were made, even within one millisecond", () => {
    const ids = Array.from({ length: 500 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("never goes backwards when the clock does", () => {
    const first = uuidv7(Date.now() + 5_000_000);
    const second = uuidv7(Date.now());
    expect(second > first).toBe(true);
  });
});
