import { describe, expect, it } from "vitest";
import { parseBrief, parseMcLine, parsePerceptions, type DynamicsResult, type MonteCarloResult } from "./api";
import { dynamicsCurves, perceptionBars, unconditionalRows } from "./views/lenses";

describe("lens views", () => {
  it("pairs perceived and actual weights per misread", () => {
    const r = parsePerceptions({
      case: "incidents", concept: "seq", default: "YN", alternative: "YY", note: "", hypergame_equilibria: {}, true_equilibria: {},
      proposals: {}, cost_of_misperception: {},
      gaps: [{ holder: "us", about: "ru", dimension: "risk", perceived_weight: 0.3, actual_weight: 1, perceived_ledger: 0.6, actual_ledger: 2 }],
    });
    expect(perceptionBars(r)).toEqual([
      { gap: "us about ru: risk", kind: "perceived", weight: 0.3 },
      { gap: "us about ru: risk", kind: "actual", weight: 1 },
    ]);
  });
  it("draws two crisis curves and one gain curve per decider", () => {
    const r = { by_kappa: [{ kappa: 1, crisis_frequency: 0.2, time_in_crisis: 0.5, mean_gain: { us: 1, ru: 2 } }] } as unknown as DynamicsResult;
    const { crises, gains } = dynamicsCurves(r);
    expect(crises.map((c) => c.series)).toEqual(["crises per round", "share of time in crisis"]);
    expect(gains).toEqual([{ kappa: 1, series: "us", value: 1 }, { kappa: 1, series: "ru", value: 2 }]);
    const named = dynamicsCurves(r, (id) => ({ us: "United States", ru: "Russia" })[id] ?? id);
    expect(named.gains.map((g) => g.series)).toEqual(["United States", "Russia"]);
  });
  it("lists the unconditional ledger with its comparison and the likelihoods", () => {
    const r = {
      p_central_default: 0.59,
      p_central_alternative: 0.995,
      p_no_alternative: 0.004,
      unconditional_ledger_comparison: { kind: "unconditional", text: "each sample's own alternative against that sample's own default" },
      unconditional_ledger: { us: { mean: 10.4, median: 8, p5: 2.7, p95: 24.3, p_loss: 0 }, eu: null },
    } as unknown as MonteCarloResult;
    const named = unconditionalRows(r, (id) => ({ us: "United States" })[id] ?? id);
    expect(named).toEqual({
      caption:
        "Unconditional ledger, whatever happens: each sample's own alternative against that sample's own default (the central default is the default in 59.0 % of the samples; the central alternative the recommended one in 99.5 %; no alternative in 0.4 %)",
      rows: [["United States", 10.4, 8, 2.7, 24.3, "0.0 %"]],
    });
    expect(unconditionalRows({ ...r, unconditional_ledger: undefined })).toBeNull();
  });
  it("reads the Monte Carlo stream line by line", () => {
    expect(parseMcLine('{"job": "00ff"}')).toEqual({ kind: "job", job: "00ff" });
    expect(parseMcLine('{"progress": {"done": 5, "total": 10}}')).toEqual({ kind: "progress", done: 5, total: 10 });
    const e = parseMcLine('{"error": {"code": "cancelled", "message": "the run was cancelled", "text": "error: the run was cancelled"}}');
    expect(e.kind).toBe("error");
    expect(() => parseMcLine("[]")).toThrow();
  });
  it("accepts only markdown or html briefs", () => {
    expect(parseBrief({ case: "x", actor: "us", lang: "ru", format: "html", text: "<p>" }).format).toBe("html");
    expect(() => parseBrief({ case: "x", actor: "us", lang: "ru", format: "pdf", text: "" })).toThrow();
  });
});
