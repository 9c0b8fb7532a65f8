import { describe, expect, it } from "vitest";
import { parseAnalyze, type MonteCarloResult } from "./api";
import { headline, patternInWords } from "./headline";
import { outline } from "./model";

const source = `mend: 1
id: canal
title: A canal
summary: East may build a canal.
actors:
  - {id: towns, name: Border towns, role: affected}
  - {id: east, name: East, role: decider}
  - {id: west, name: West, role: decider}
dimensions:
  - {id: money, name: Money, unit: USD bn/yr}
options:
  east:
    - {id: build, name: Build the canal}
  west:
    - {id: toll, name: Pay the toll}
status_quo: {build: N, toll: N}
`;
const o = outline(source)!;
const an = parseAnalyze({
  case: "canal",
  stability: {},
  equilibria: {},
  status_quo: "NN",
  default: { pattern: "NN", path: ["NN"], cycle: false },
  reachable_equilibria: {},
  alternative: { pattern: "YY", self_enforcing: true, gains: { east: 1, west: 1 } },
  ledger: { east: { total: 1, dimensions: { money: { natural: 1, weighted: 1, unit: "USD bn/yr" } } }, towns: { total: -0.5, dimensions: { money: { natural: -0.5, unit: "USD bn/yr" } } } },
});

describe("headline", () => {
  it("names the options and actors of the default and the alternative, deciders first", () => {
    expect(o.summary).toBe("East may build a canal.");
    expect(patternInWords("YN", ["build", "toll"], o)).toBe("East: Build the canal; West: none of its options");
    const h = headline(an, ["build", "toll"], o, null);
    expect(h.defaultWords).toBe("East: none of its options; West: none of its options");
    expect(h.alternativeWords).toBe("East: Build the canal; West: Pay the toll");
    expect(h.changes).toEqual(["East takes “Build the canal”", "West takes “Pay the toll”"]);
    expect(h.gains.map((g) => [g.name, g.text])).toEqual([
      ["East", "better off by 1 USD bn/yr in Money"],
      ["Border towns", "worse off by 0.5 USD bn/yr in Money"],
    ]);
    expect(h.likelihood).toEqual([]);
  });
  it("adds the Monte Carlo likelihoods and switching values when given", () => {
    const mcResult: MonteCarloResult = {
      case: "canal",
      samples: 100,
      seed: 1,
      method: "monte-carlo",
      central: { default: "NN", alternative: "YY" },
      p_cycle: 0,
      p_no_alternative: 0.25,
      states: [
        { pattern: "NN", p_equilibrium: {}, p_default: 0.9, p_pareto_improves_default: 0, p_alternative: 0 },
        { pattern: "YY", p_equilibrium: {}, p_default: 0.1, p_pareto_improves_default: 0.7, p_alternative: 0.7 },
      ],
      ledger: { east: { mean: 1, median: 1, p5: -0.5, p95: 2, p_loss: 0.1 } },
      sensitivity: [{ parameter: "cost", figure: "ledger.east.total", low: -1, high: 2, switching_value: 3, switching_quantile: 0.8 }],
    };
    const h = headline(an, ["build", "toll"], o, mcResult);
    expect(h.likelihood).toEqual(["NN is the default in 90 % of 100 samples", "YY is the recommended alternative in 70 %", "nothing improves the default in 25 %"]);
    expect(h.gains[0].range).toBe("90 % range −0.5 to 2, a loss in 10 % of samples");
    const withCentral = headline(an, ["build", "toll"], o, { ...mcResult, p_central_default: 0.8, p_central_alternative: 0.65 });
    expect(withCentral.likelihood.slice(0, 2)).toEqual(["NN is the default in 80 % of 100 samples", "YY is the recommended alternative in 65 %"]);
    expect(h.conditions[0]).toBe("cost at 3 (its 80th percentile) turns East's gain from the alternative to a loss or back");
    // An older server sends no unconditional ledger: nothing is shown for it.
    expect(h.unconditional).toBeNull();
  });
  it("puts the unconditional range beside the likelihoods, with the comparison it describes", () => {
    const mcResult: MonteCarloResult = {
      case: "canal",
      samples: 200,
      seed: 1,
      method: "monte-carlo",
      central: { default: "NN", alternative: "YY" },
      p_cycle: 0,
      p_central_default: 0.9,
      p_central_alternative: 0.6,
      p_no_alternative: 0.3,
      states: [],
      ledger: { east: { mean: 1, median: 1, p5: -0.5, p95: 2, p_loss: 0.1 } },
      unconditional_ledger_comparison: { kind: "unconditional", text: "each sample's own alternative against that sample's own default; 0 in the samples without an alternative" },
      unconditional_ledger: {
        towns: { mean: -0.2, median: 0, p5: -1, p95: 0, p_loss: 0.25 },
        east: { mean: 0.75, median: 0.5, p5: 0, p95: 2.5, p_loss: 0 },
      },
      sensitivity: [],
    };
    const h = headline(an, ["build", "toll"], o, mcResult);
    expect(h.likelihood[0]).toBe("NN is the default in 90 % of 200 samples");
    expect(h.unconditional).toEqual({
      comparison: "each sample's own alternative against that sample's own default; 0 in the samples without an alternative",
      gains: [
        { actor: "east", name: "East", text: "mean +0.75, 90 % range 0 to 2.5, a loss in 0 % of samples" },
        { actor: "towns", name: "Border towns", text: "mean −0.2, 90 % range −1 to 0, a loss in 25 % of samples" },
      ],
    });
  });
});
