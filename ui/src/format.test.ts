import { describe, expect, it, vi } from "vitest";
import { formatDate, formatGrams, formatInr, formatTimestamp, groupIndian, maskAadhaar, todayIso } from "./format";

describe("formatInr", () => {
  it.each([
    ["0", "₹0.00"],
    ["5", "₹5.00"],
    ["999", "₹999.00"],
    ["1000", "₹1,000.00"],
    ["100000", "₹1,00,000.00"],
    ["123456.5", "₹1,23,456.50"],
    ["123456.50", "₹1,23,456.50"],
    ["10000000", "₹1,00,00,000.00"],
    ["5000.00", "₹5,000.00"],
    ["99999999999999999.99", "₹99,99,99,99,99,99,99,999.99"],
  ])("%s → %s", (input, expected) => {
    expect(formatInr(input)).toBe(expected);
  });

  it("puts the minus sign before the rupee sign", () => {
    expect(formatInr("-500")).toBe("-₹500.00");
    expect(formatInr("-123456.75")).toBe("-₹1,23,456.75");
  });

  it("rounds a third decimal half up instead of going through floats", () => {
    expect(formatInr("0.005")).toBe("₹0.01");
    expect(formatInr("1.115")).toBe("₹1.12"); // 1.115 is 1.11499999… as a float
  });

  it("shows a dash for no amount and leaves garbage as typed", () => {
    expect(formatInr(null)).toBe("—");
    expect(formatInr("abc")).toBe("abc");
  });
});

describe("groupIndian", () => {
  it("groups the last three digits, then pairs", () => {
    expect(groupIndian("1")).toBe("1");
    expect(groupIndian("1234")).toBe("1,234");
    expect(groupIndian("12345")).toBe("12,345");
    expect(groupIndian("1234567")).toBe("12,34,567");
  });
});

describe("grams and dates", () => {
  it("formats grams to three places", () => {
    expect(formatGrams("0.909")).toBe("0.909 g");
    expect(formatGrams("1.5")).toBe("1.500 g");
    expect(formatGrams("1234.5")).toBe("1,234.500 g");
  });

  it("formats ISO dates as DD-MM-YYYY", () => {
    expect(formatDate("2026-11-23")).toBe("23-11-2026");
    expect(formatDate("2026-01-05T10:30:00+05:30")).toBe("05-01-2026");
    expect(formatTimestamp("2026-01-05T10:30:12.123+05:30")).toBe("05-01-2026 10:30");
    expect(formatDate(null)).toBe("—");
  });

  it("shows a UTC timestamp in the counter's own time zone", () => {
    vi.stubEnv("TZ", "Asia/Kolkata");
    try {
      expect(formatTimestamp("2026-01-05T05:00:12.123Z")).toBe("05-01-2026 10:30");
      expect(formatTimestamp("2026-01-05T20:00:00.000Z")).toBe("06-01-2026 01:30");
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("gives today's local date as YYYY-MM-DD", () => {
    expect(todayIso(new Date(2026, 10, 3, 23, 59))).toBe("2026-11-03");
    expect(todayIso()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("masks Aadhaar to its last four digits", () => {
    expect(maskAadhaar("1234")).toBe("XXXX XXXX 1234");
    expect(maskAadhaar(null)).toBe("—");
  });
});
