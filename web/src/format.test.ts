import { describe, expect, it } from "vitest";
import { changedOptions, describePattern, formatLocation, formatMs, formatNumber, moverOf, percentile } from "./format";

describe("formatNumber", () => {
  it("keeps three significant digits and a true minus sign", () => {
    expect(formatNumber(12.3456)).toBe("12.3");
    expect(formatNumber(-0.5)).toBe("\u22120.5");
    expect(formatNumber(1234)).toBe("1234");
    expect(formatNumber(0.125)).toBe("0.125");
  });
  it("never prints -0 and handles the edges", () => {
    expect(formatNumber(-0)).toBe("0");
    expect(formatNumber(0)).toBe("0");
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("–");
    expect(formatNumber(Infinity)).toBe("∞");
    expect(formatNumber(-Infinity)).toBe("\u2212∞");
  });
  it("switches to exponents for very large and very small magnitudes", () => {
    expect(formatNumber(2.5e7)).toBe("2.5e+7");
    expect(formatNumber(-1e-5)).toBe("\u22121e-5");
  });
});

describe("formatMs", () => {
  it("chooses a unit and precision by magnitude", () => {
    expect(formatMs(0.84)).toBe("0.8 ms");
    expect(formatMs(12.4)).toBe("12 ms");
    expect(formatMs(1250)).toBe("1.25 s");
    expect(formatMs(-1)).toBe("–");
  });
});

describe("patterns", () => {
  it("finds the changed options and who moved", () => {
    expect(changedOptions("NNYN", "NYYN")).toEqual([1]);
    expect(moverOf("NNYN", "NYYY", ["us", "us", "ru", "ru"])).toEqual(["us", "ru"]);
    expect(moverOf("NN", "NN", ["a", "b"])).toEqual([]);
    expect(() => changedOptions("NN", "N")).toThrow();
  });
  it("describes a pattern in words", () => {
    expect(describePattern("YN", ["d1", "d2"])).toBe("taken: d1");
    expect(describePattern("NN", ["d1", "d2"])).toBe("no option taken");
  });
});

describe("formatLocation and percentile", () => {
  it("prints file:line:column as mend validate does", () => {
    expect(formatLocation({ file: "case.yaml", line: 14, column: 3 })).toBe("case.yaml:14:3");
    expect(formatLocation({ file: "case.yaml" })).toBe("case.yaml");
    expect(formatLocation({ line: 2 })).toBe("2");
  });
  it("takes nearest-rank percentiles", () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([5, 1, 3, 2, 4], 100)).toBe(5);
    expect(percentile([10], 95)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
});
