// Customer code patterns such as "{BRANCH}-{SEQ:5}" → "MAIN-00001" (shared by Settings' live example
// and the in-browser fake backend; the Rust domain crate owns the real rules).

export const CODE_PATTERN_TOKENS = ["{BRANCH}", "{COUNTER}", "{YYYY}", "{YY}", "{SEQ:n}"] as const;
export const DEFAULT_CODE_PATTERN = "{BRANCH}-{SEQ:5}";

export type CodeContext = { branch: string; counter: string; date: string; seq: number };

const TOKEN = /\{([A-Z]+)(?::(\d+))?\}/g;

/** Why the pattern is unusable, or null when it is fine. */
export function codePatternProblem(pattern: string): string | null {
  const trimmed = pattern.trim();
  if (!trimmed) return "the pattern is empty";
  let seqCount = 0;
  for (const match of trimmed.matchAll(TOKEN)) {
    const [token, name, width] = match;
    if (name === "SEQ") {
      const n = Number(width);
      if (!width || n < 1 || n > 9) return `${token}: write {SEQ:n} with n from 1 to 9`;
      seqCount += 1;
    } else if (!["BRANCH", "COUNTER", "YYYY", "YY"].includes(name) || width) {
      return `unknown token ${token}`;
    }
  }
  if (seqCount !== 1) return "the pattern needs exactly one {SEQ:n}";
  const literal = trimmed.replace(TOKEN, "");
  if (/[{}]/.test(literal)) return "a brace is not part of a token";
  if (!/^[A-Za-z0-9/_-]*$/.test(literal)) return "use only letters, digits, - / and _ between tokens";
  return null;
}

export function renderCodePattern(pattern: string, context: CodeContext): string {
  return pattern.trim().replace(TOKEN, (token, name: string, width?: string) => {
    switch (name) {
      case "BRANCH":
        return context.branch;
      case "COUNTER":
        return context.counter;
      case "YYYY":
        return context.date.slice(0, 4);
      case "YY":
        return context.date.slice(2, 4);
      case "SEQ":
        return String(context.seq).padStart(Number(width ?? "1"), "0");
      default:
        return token;
    }
  });
}
