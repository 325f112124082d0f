import { describe, expect, it } from "vitest";
import { averageRate, compareMoney, gramsFor, multiplyMoney, normaliseAmount, percentOf, subtractMoney, sumMoney, toPaise } from "./money";

describe("money as exact decimals", () => {
  it("parses rupee strings into paise", () => {
    expect(toPaise("5000")).toBe(500000n);
    expect(toPaise("₹5,000.5")).toBe(500050n);
    expect(toPaise(".5")).toBe(50n);
    expect(toPaise("-1.25")).toBe(-125n);
    expect(toPaise("12a")).toBeNull();
    expect(toPaise("")).toBeNull();
  });

  it("adds without float drift", () => {
    expect(sumMoney(["0.10", "0.20"])).toBe("0.30"); // 0.1 + 0.2 !== 0.3 in floats
    expect(sumMoney(Array(11).fill("5000.00"))).toBe("55000.00");
    expect(subtractMoney("100", "0.01")).toBe("99.99");
    expect(multiplyMoney("1999.99", 12)).toBe("23999.88");
  });

  it("compares", () => {
    expect(compareMoney("10.00", "9.99")).toBe(1);
    expect(compareMoney("5000", "5000.00")).toBe(0);
    expect(compareMoney("0", "0.01")).toBe(-1);
  });

  it("normalises what the staff typed, and passes through what it cannot read", () => {
    expect(normaliseAmount(" 5,000 ")).toBe("5000.00");
    expect(normaliseAmount("12abc")).toBe("12abc");
  });

  it("works out percentages, grams and average rates", () => {
    expect(percentOf("5000.00", "50")).toBe("2500.00");
    expect(percentOf("55000.00", "5")).toBe("2750.00");
    expect(percentOf("333.33", "2.5")).toBe("8.33");
    expect(gramsFor("5000.00", "5500.00")).toBe("0.909");
    expect(averageRate("10000.00", "1.818")).toBe("5500.55");
    expect(averageRate("10000.00", "0.000")).toBeNull();
  });
});
