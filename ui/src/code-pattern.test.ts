import { describe, expect, it } from "vitest";
import { codePatternProblem, renderCodePattern } from "./code-pattern";

describe("customer code patterns", () => {
  const context = { branch: "MAIN", counter: "1", date: "2026-04-10", seq: 3 };

  it("renders every token", () => {
    expect(renderCodePattern("{BRANCH}-{SEQ:5}", context)).toBe("MAIN-00003");
    expect(renderCodePattern("{BRANCH}/{YY}/{SEQ:4}", context)).toBe("MAIN/26/0003");
    expect(renderCodePattern("K{COUNTER}{YYYY}{SEQ:3}", context)).toBe("K12026003");
  });

  it("refuses patterns that cannot make unique codes", () => {
    expect(codePatternProblem("{BRANCH}-{SEQ:5}")).toBeNull();
    expect(codePatternProblem("{BRANCH}")).toMatch(/SEQ/);
    expect(codePatternProblem("{SEQ:3}-{SEQ:4}")).toMatch(/exactly one/);
    expect(codePatternProblem("{SEQ:0}")).toMatch(/1 to 9/);
    expect(codePatternProblem("{DAY}-{SEQ:4}")).toMatch(/unknown token/);
    expect(codePatternProblem("")).not.toBeNull();
  });
});
