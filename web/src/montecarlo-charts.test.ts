import { describe, expect, it } from "vitest";
import type { McSensitivity, MonteCarloResult } from "./api";
import { parameterLabel } from "./model";
import { actorHistograms, flipLines, flipsWithinRange, namedTornado, NO_FLIP_SENTENCE } from "./views/montecarlo-charts";

const names: Record<string, string> = { us: "United States", ru: "Russia" };
const actorName = (id: string) => names[id] ?? id;
const outline = { parameterUnits: { cost: "USD bn/yr", p: "" } as Record<string, string>, parameterNames: { cost: "War cost", p: "" } as Record<string, string> };
const label = (id: string) => parameterLabel(outline, id);

function row(parameter: string, figure: string, low: unknown, high: unknown, holds: Partial<McSensitivity> = {}): McSensitivity {
  return { parameter, figure, low, high, switching_value: null, switching_quantile: null, holds_from: null, holds_from_quantile: null, holds_to: null, holds_to_quantile: null, ...holds } as McSensitivity;
}
function result(sensitivity: McSensitivity[], ledger: MonteCarloResult["ledger"] = {}): MonteCarloResult {
  return { case: "x", samples: 100, seed: 1, method: "monte-carlo", central: { default: "NN", alternative: "YY" }, p_cycle: 0, states: [], ledger, sensitivity };
}

describe("Monte Carlo charts", () => {
  it("names parameters with their units, falling back to the id", () => {
    expect(label("cost")).toBe("War cost (USD bn/yr)");
    expect(label("p")).toBe("p");
    expect(parameterLabel(null, "q")).toBe("q");
  });

  it("keeps the ten widest ledger swings, named, widest first, coloured by direction", () => {
    const rows = [row("cost", "ledger.us.total", 5, 1), row("p", "ledger.ru.total", -1, 2), row("cost", "alternative", "YY", "NN")];
    for (let k = 0; k < 12; ++k) rows.push(row(`q${k}`, "ledger.us.total", 0, 0.1 * (k + 1)));
    const tornado = namedTornado(result(rows), actorName, label);
    expect(tornado).toHaveLength(10);
    expect(tornado[0]).toMatchObject({ label: "War cost (USD bn/yr) → United States", low: 1, high: 5, at_p5: 5, at_p95: 1, direction: "lowers the gain" });
    expect(tornado[1]).toMatchObject({ label: "p → Russia", low: -1, high: 2, direction: "raises the gain" });
    // Widest first: every later swing is no wider than the one before it.
    for (let k = 1; k < tornado.length; ++k) expect(tornado[k].high - tornado[k].low).toBeLessThanOrEqual(tornado[k - 1].high - tornado[k - 1].low);
    expect(tornado.some((t) => t.parameter === "q0")).toBe(false);
  });

  it("says no assumption flips the conclusion when every interval reaches past p5 and p95", () => {
    const r = result([
      row("cost", "ledger.us.total", 1, 2, { holds_from: 0.5, holds_from_quantile: 0.02 }),
      row("p", "default_pareto_dominated", true, true, { holds_to: 9, holds_to_quantile: 0.97 }),
      row("p", "alternative", "YY", "YY"),
    ]);
    const flips = flipsWithinRange(r);
    expect(flips).toEqual([]);
    expect(flipLines(flips ?? [], actorName, label, (p) => outline.parameterUnits[p] ?? "")).toEqual([NO_FLIP_SENTENCE]);
    expect(NO_FLIP_SENTENCE).toContain("no assumption flips the conclusion within its 5–95 % range".replace(/^n/, "N"));
  });

  it("lists the conclusions that flip inside the 5–95 % range, on each side", () => {
    const r = result([
      row("cost", "ledger.us.total", -1, 2, { holds_from: 4.27, holds_from_quantile: 0.14 }),
      row("p", "alternative", "YY", "NY", { holds_to: 0.3, holds_to_quantile: 0.9 }),
    ]);
    const flips = flipsWithinRange(r) ?? [];
    expect(flips.map((f) => [f.parameter, f.side, f.quantile])).toEqual([["cost", "below", 0.14], ["p", "above", 0.9]]);
    const lines = flipLines(flips, actorName, label, (p) => outline.parameterUnits[p] ?? "");
    expect(lines[0]).toBe("War cost (USD bn/yr) below 4.27 USD bn/yr (p14) changes whether United States gains.");
    expect(lines[1]).toBe("p above 0.3 (p90) changes which alternative is recommended.");
  });

  it("says nothing about flips when the answer has no intervals", () => {
    const old = { parameter: "p", figure: "alternative", low: "YY", high: "YY", switching_value: null, switching_quantile: null } as McSensitivity;
    expect(flipsWithinRange(result([old]))).toBeNull();
  });

  it("makes one histogram per actor with bins, the bins spanning low to high", () => {
    const r = result([], {
      us: { mean: 1, median: 1, p5: 0, p95: 2, p_loss: 0.1, histogram: { low: -1, high: 3, counts: [1, 2, 3, 4], below: 1, above: 2 } },
      ru: null,
      eu: { mean: 0, median: 0, p5: 0, p95: 0, p_loss: 0, histogram: { low: 0, high: 0, counts: [], below: 0, above: 0 } },
    });
    const h = actorHistograms(r, actorName);
    expect(h.map((x) => x.name)).toEqual(["United States"]);
    expect(h[0].bins.map((b) => [b.x1, b.x2, b.count])).toEqual([[-1, 0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4]]);
    expect(h[0].outside).toBe(3);
    expect(h[0].samples).toBe(13);
  });
});
