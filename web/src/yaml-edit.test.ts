import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { insertKey, removeKey } from "./yaml-edit";

/** The lines of b that are not at the same place in a (a line diff good enough for one insertion). */
function changedLines(a: string, b: string): number {
  const x = a.split("\n");
  const y = b.split("\n");
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let ex = x.length;
  let ey = y.length;
  while (ex > start && ey > start && x[ex - 1] === y[ey - 1]) {
    ex--;
    ey--;
  }
  return Math.max(ex - start, ey - start);
}

const text = `# a case
valuation:
  east: {weights: {money: 1, prestige: 1}}   # flow
  west:
    weights:
      money: 1
    indifference: 0.1  # comment kept

  towns: { weights: {money: 1} , }
after: [1, 2]
`;

describe("insertKey", () => {
  it("adds a key to a flow mapping before its brace", () => {
    const out = insertKey(text, ["valuation", "east"], "loss_aversion", "2");
    expect(out).toBe(text.replace("prestige: 1}}", "prestige: 1}, loss_aversion: 2}"));
    expect(changedLines(text, out)).toBe(1);
  });
  it("adds a key to a block mapping on its own line, at the mapping's indentation", () => {
    const out = insertKey(text, ["valuation", "west"], "uncertainty_aversion", "0.5");
    expect(out).toBe(text.replace("# comment kept\n", "# comment kept\n    uncertainty_aversion: 0.5\n"));
    expect(changedLines(text, out)).toBe(1);
    expect(parse(out).valuation.west).toEqual({ weights: { money: 1 }, indifference: 0.1, uncertainty_aversion: 0.5 });
  });
  it("handles a trailing comma, an empty flow mapping and the root mapping", () => {
    expect(parse(insertKey(text, ["valuation", "towns"], "loss_aversion", "3")).valuation.towns).toEqual({ weights: { money: 1 }, loss_aversion: 3 });
    expect(insertKey("a: {}\n", ["a"], "b", "1")).toBe("a: {b: 1}\n");
    expect(insertKey("a: 1\nb: 2", [], "c", "3")).toBe("a: 1\nb: 2\nc: 3");
  });
  it("refuses a missing mapping and a key that is already there", () => {
    expect(() => insertKey(text, ["valuation", "nobody"], "x", "1")).toThrow(/not a mapping/);
    expect(() => insertKey(text, ["valuation", "west"], "indifference", "1")).toThrow(/already set/);
  });
});

describe("removeKey", () => {
  it("undoes insertKey exactly, in flow and block mappings", () => {
    for (const [path, key] of [
      [["valuation", "east"], "loss_aversion"],
      [["valuation", "west"], "rho"],
    ] as const) {
      const inserted = insertKey(text, [...path], key, "2");
      expect(removeKey(inserted, [...path], key)).toBe(text);
    }
  });
  it("removes a first flow key with the comma after it, and a block key with its lines", () => {
    expect(removeKey("a: {x: 1, y: 2}\n", ["a"], "x")).toBe("a: {y: 2}\n");
    expect(removeKey(text, ["valuation", "west"], "weights")).toBe(text.replace("    weights:\n      money: 1\n", ""));
    expect(removeKey(text, ["valuation", "west"], "absent")).toBe(text);
  });
});
