import { describe, expect, it } from "vitest";
import { parseRuns, parseStoredRun, runCitation, runLine } from "./runs";

const stored = { id: 17, case: "chicken", version: 3, command: "analyze", options: { samples: 2000, concept: "seq", method: "monte-carlo" }, seed: 1, mend_version: "0.2.0", created_at: "2026-11-30T08:12:45Z", elapsed_ms: 12.5 };

describe("stored runs", () => {
  it("reads the list of runs and refuses another shape", () => {
    const runs = parseRuns({ id: "chicken", runs: [stored, { ...stored, id: 16, command: "states", options: {}, seed: 0 }] });
    expect(runs.map((r) => r.id)).toEqual([17, 16]);
    expect(runs[0].options).toEqual(stored.options);
    expect(() => parseRuns({ id: "chicken" })).toThrow();
    expect(() => parseRuns({ runs: [{ id: "17" }] })).toThrow();
  });

  it("reads a stored run and whether it came from the store", () => {
    expect(parseStoredRun({ run: { ...stored, cached: true }, result: {} })).toMatchObject({ id: 17, cached: true });
    expect(parseStoredRun({ run: stored, result: {} }).cached).toBe(false);
    expect(() => parseStoredRun({ result: {} })).toThrow();
  });

  it("says each run in one line with its id, command, version, options and time", () => {
    expect(runLine(parseRuns({ runs: [stored] })[0])).toBe("run 17 · analyze of v3 · samples 2000, concept seq, method monte-carlo, seed 1 · 2026-11-30 08:12 UTC");
    // states and stability ignore the seed, so it is not shown.
    expect(runLine(parseRuns({ runs: [{ ...stored, command: "stability", options: { concepts: ["nash", "seq"] }, seed: 0 }] })[0])).toBe("run 17 · stability of v3 · concepts nash,seq · 2026-11-30 08:12 UTC");
  });

  it("cites a run by id, case, version and mend version", () => {
    expect(runCitation(parseRuns({ runs: [stored] })[0])).toBe("mend run 17 (analyze of chicken v3, mend 0.2.0)");
  });
});
