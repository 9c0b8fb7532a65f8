import { describe, expect, it } from "vitest";
import { parseStability, parseStates } from "./api";
import { evolution, isReferenceDependent, outline, ownersFor, resetLossAversion, resetUncertaintyAversion, setLossAversion, setUncertaintyAversion, setOptionName, setPerceivedWeight, setWeight, tableau, yamlScalar } from "./model";

const source = `mend: 1
id: canal # a comment that must survive
title: A canal
actors:
  - {id: east, name: East, role: decider}
  - {id: west, name: West, role: decider}
dimensions:
  - {id: money, name: Money, unit: USD bn}
options:
  east:
    - {id: e1, name: Build}
  west:
    - {id: w1, name: Pay}
status_quo: {e1: N, w1: N}
valuation:
  east: {weights: {money: 1}, loss_aversion: 2.25}
  west:
    weights:
      money: 1   # per year
`;

describe("outline", () => {
  it("reads actors, options with owners, dimensions and valuation", () => {
    const o = outline(source)!;
    expect(o.id).toBe("canal");
    expect(o.options).toEqual([
      { id: "e1", name: "Build", owner: "east", index: 0 },
      { id: "w1", name: "Pay", owner: "west", index: 0 },
    ]);
    expect(o.valuation.east).toEqual({ weights: { money: 1 }, loss_aversion: 2.25 });
    expect(o.dimensions[0].unit).toBe("USD bn");
    expect(ownersFor(["w1", "e1", "zz"], o)).toEqual(["west", "east", "?"]);
  });
  it("returns null for text that is not a mapping", () => {
    expect(outline("- a\n- b\n")).toBeNull();
    expect(outline("a: [\n")).toBeNull();
  });
});

describe("perceptions", () => {
  const withPerception = `${source}perceptions:
  - holder: west
    about: east
    weights: {money: 0.5}   # West thinks East cares less
    note: a note
`;
  it("reads perceptions in file order and edits a perceived weight in place", () => {
    expect(outline(withPerception)!.perceptions).toEqual([{ holder: "west", about: "east", weights: { money: 0.5 } }]);
    const edited = setPerceivedWeight(withPerception, 0, "money", 2);
    expect(edited).toBe(withPerception.replace("weights: {money: 0.5}", "weights: {money: 2}"));
    expect(outline(source)!.perceptions).toEqual([]);
  });
});

describe("edits", () => {
  it("replaces a scalar in place, keeping comments and layout", () => {
    const edited = setWeight(source, "west", "money", 2.5);
    expect(edited).toBe(source.replace("money: 1   # per year", "money: 2.5   # per year"));
    const flow = setWeight(source, "east", "money", 3);
    expect(flow).toContain("east: {weights: {money: 3}, loss_aversion: 2.25}");
    expect(setLossAversion(source, "east", 1)).toContain("loss_aversion: 1}");
  });
  it("adds a missing key in place: only the new line differs", () => {
    const edited = setLossAversion(source, "west", 1.5);
    expect(outline(edited)!.valuation.west.loss_aversion).toBe(1.5);
    expect(edited).toBe(source.replace("      money: 1   # per year\n", "      money: 1   # per year\n    loss_aversion: 1.5\n"));
    const flow = setUncertaintyAversion(source, "east", 0.5);
    expect(flow).toBe(source.replace("loss_aversion: 2.25}", "loss_aversion: 2.25, uncertainty_aversion: 0.5}"));
    expect(isReferenceDependent(outline(flow)!.valuation.east)).toBe(true);
    expect(isReferenceDependent(outline(source)!.valuation.west)).toBe(false);
  });
  it("resets λ and ρ by removing the key, back to the original text", () => {
    expect(resetUncertaintyAversion(setUncertaintyAversion(source, "east", 0.5), "east")).toBe(source);
    expect(resetLossAversion(setLossAversion(source, "west", 2), "west")).toBe(source);
    expect(resetLossAversion(source, "west")).toBe(source);
    expect(() => setLossAversion(source, "nobody", 2)).toThrow(/not a mapping/);
  });
  it("renames an option, quoting when needed", () => {
    expect(setOptionName(source, "west", 0, "Pay: half")).toContain(`{id: w1, name: "Pay: half"}`);
    expect(setOptionName(source, "east", 0, "Build now")).toContain("{id: e1, name: Build now}");
    expect(yamlScalar("yes")).toBe('"yes"');
    expect(yamlScalar(0.5)).toBe("0.5");
    expect(() => yamlScalar(Number.NaN)).toThrow();
  });
  it("refuses to edit broken YAML", () => {
    expect(() => setWeight("a: [\n", "x", "y", 1)).toThrow(/does not parse/);
  });
});

const states = parseStates({
  case: "chicken",
  options: ["d1", "d2"],
  states: [
    { number: 1, pattern: "NN", utility: { p1: 3, p2: 3 } },
    { number: 2, pattern: "YN", utility: { p1: 4, p2: 2 } },
    { number: 3, pattern: "NY", utility: { p1: 2, p2: 4 } },
    { number: 4, pattern: "YY", utility: { p1: 1, p2: 1 } },
  ],
});
const stability = parseStability({
  case: "chicken",
  stability: { nash: { p1: ["YN", "NY"], p2: ["YN", "NY"] } },
  equilibria: { nash: ["YN", "NY"] },
  status_quo: "NN",
  default: { pattern: "YN", path: ["NN", "YN"], cycle: false },
  reachable_equilibria: {},
});

describe("tableau", () => {
  it("has option rows, a row per decider and concept, equilibria and utilities", () => {
    const t = tableau(states, stability, ["p1", "p2"]);
    expect(t.columns.map((c) => c.pattern)).toEqual(["NN", "YN", "NY", "YY"]);
    expect(t.columns[0].statusQuo && t.columns[1].isDefault).toBe(true);
    expect(t.rows[0]).toMatchObject({ kind: "option", label: "d1", owner: "p1", cells: ["N", "Y", "N", "Y"] });
    expect(t.rows.find((r) => r.kind === "stability" && r.label === "p1")?.cells).toEqual([".", "s", "s", "."]);
    expect(t.rows.find((r) => r.kind === "equilibrium")?.cells).toEqual(["", "E", "E", ""]);
    expect(t.rows.filter((r) => r.kind === "utility").map((r) => r.label)).toEqual(["p1", "p2"]);
    expect(t.hidden).toBe(0);
  });
  it("keeps only equilibria, the path and the status quo beyond the limit", () => {
    const t = tableau(states, stability, ["p1", "p2"], 2);
    expect(t.columns.map((c) => c.pattern)).toEqual(["NN", "YN", "NY"]);
    expect(t.hidden).toBe(1);
  });
});

describe("evolution", () => {
  it("draws the path with the mover of each step", () => {
    const g = evolution(stability, ["p1", "p2"]);
    expect(g.nodes).toEqual([
      { id: "NN", label: "NN", classes: ["status-quo"] },
      { id: "YN", label: "YN", classes: ["default", "equilibrium"] },
    ]);
    expect(g.edges).toEqual([{ id: "e1", source: "NN", target: "YN", label: "1. p1" }]);
  });
  it("closes a cycle without duplicating nodes", () => {
    const cyc = { ...stability, default: { pattern: null, path: ["NN", "YN", "YY", "NN"], cycle: true } };
    const g = evolution(cyc, ["p1", "p2"]);
    expect(g.nodes.map((n) => n.id)).toEqual(["NN", "YN", "YY"]);
    expect(g.edges.at(-1)).toMatchObject({ source: "YY", target: "NN", label: "3. p1+p2" });
  });
});

import { ledgerBars } from "./views/ledger";
import { parseAnalyze } from "./api";

describe("ledgerBars", () => {
  it("plots weighted losses and keeps the natural figure and unit", () => {
    const a = parseAnalyze({
      ...stability,
      alternative: { pattern: "NN" },
      ledger: { east: { total: 1.6, dimensions: { money: { natural: 1, weighted: 1, unit: "USD bn/yr" }, security: { natural: 1, weighted: 0.6, unit: "points" } } } },
    });
    expect(ledgerBars(a)).toEqual([
      { actor: "east", dimension: "money", value: 1, natural: 1, unit: "USD bn/yr", low: undefined, high: undefined },
      { actor: "east", dimension: "security", value: 0.6, natural: 1, unit: "points", low: undefined, high: undefined },
    ]);
  });
});

describe("what-if edits of absent keys on the shipped cases", () => {
  it("change one line of every case file, for every valued actor, and the reset restores the file", () => {
    // Every shipped case file, as text (Vite's glob import, resolved when the test is built).
    const files = import.meta.glob("../../cases/**/*.yaml", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
    expect(Object.keys(files).length).toBeGreaterThan(5);
    let edits = 0;
    for (const [file, text] of Object.entries(files)) {
      const o = outline(text);
      if (!o) continue;
      for (const [actor, v] of Object.entries(o.valuation)) {
        for (const [key, set, reset] of [
          ["loss_aversion", setLossAversion, resetLossAversion],
          ["uncertainty_aversion", setUncertaintyAversion, resetUncertaintyAversion],
        ] as const) {
          if (v[key] !== undefined) continue;
          const edited = set(text, actor, 2);
          const before = text.split("\n");
          const after = edited.split("\n");
          // The lines of the edited file outside the common head and tail: exactly one (the
          // edited line of a flow mapping, or the new line of a block mapping).
          let head = 0;
          while (head < before.length && before[head] === after[head]) head++;
          let tail = 0;
          while (tail < before.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
          expect(after.length - head - tail, `${file} ${actor} ${key}`).toBe(1);
          expect(before.length - head - tail, `${file} ${actor} ${key}`).toBeLessThanOrEqual(1);
          expect(outline(edited)!.valuation[actor][key], `${file} ${actor} ${key}`).toBe(2);
          expect(reset(edited, actor)).toBe(text);
          edits++;
        }
      }
    }
    expect(edits).toBeGreaterThan(10);
    // Hundreds of YAML parses: about 1 s alone, ten times that on a loaded 2-core machine, so the
    // default 5 s limit is raised (the test waits on nothing).
  }, 120_000);
});
