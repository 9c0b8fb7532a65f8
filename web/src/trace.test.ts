import { describe, expect, it } from "vitest";
import { parseAnalyze, parseExplanation } from "./api";
import { traceStates } from "./trace";

const base = { case: "c", stability: {}, equilibria: {}, status_quo: "NN", reachable_equilibria: {} };

describe("click-to-trace", () => {
  it("traces a gain as the alternative's utility less the default's", () => {
    const an = parseAnalyze({ ...base, default: { pattern: "NN", path: ["NN"], cycle: false }, alternative: { pattern: "YY", self_enforcing: true, rule: "nash-product" } });
    expect(traceStates(an)).toEqual([
      { label: "the alternative", pattern: "YY" },
      { label: "the default", pattern: "NN" },
    ]);
  });
  it("traces the default alone when there is no alternative, and nothing for a cycle", () => {
    expect(traceStates(parseAnalyze({ ...base, default: { pattern: "YN", path: ["NN", "YN"], cycle: false }, alternative: null })).map((s) => s.pattern)).toEqual(["YN"]);
    expect(traceStates(parseAnalyze({ ...base, default: { pattern: null, path: ["NN", "YN", "NN"], cycle: true }, alternative: null }))).toEqual([]);
  });
  it("reads the server's explanation and keeps only well-formed sources", () => {
    const e = parseExplanation({ case: "c", state: "YN", actor: "a", utility: 2.5, text: "c: state YN\n", sources: [{ id: "s1", cite: "A book", url: "https://example.org/" }, "junk", { id: "s2", cite: "A note" }] });
    expect(e.utility).toBe(2.5);
    expect(e.sources).toEqual([
      { id: "s1", cite: "A book", url: "https://example.org/" },
      { id: "s2", cite: "A note", url: "" },
    ]);
    expect(() => parseExplanation({ case: "c", state: "YN", actor: "a" })).toThrow(/unexpected response/);
  });
});
