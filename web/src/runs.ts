// Stored runs of a case (GET /api/cases/{id}/runs, POST /api/cases/{id}/runs): the server keeps
// every run on a stored version under an id, so a result can be cited and fetched again
// (GET /api/runs/{id}). This module reads the list and says each run in one line.

export interface RunSummary {
  id: number;
  case: string;
  version: number;
  command: string;
  options: Record<string, unknown>;
  seed: number;
  mend_version: string;
  created_at: string;
  elapsed_ms: number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads `{"id": ..., "runs": [...]}`; throws on another shape. */
export function parseRuns(value: unknown): RunSummary[] {
  if (!isObject(value) || !Array.isArray(value.runs)) throw new Error("unexpected answer from the server (runs)");
  return value.runs.map((r) => {
    if (!isObject(r) || typeof r.id !== "number" || typeof r.command !== "string") throw new Error("unexpected answer from the server (runs)");
    return {
      id: r.id,
      case: String(r.case ?? ""),
      version: Number(r.version ?? 0),
      command: r.command,
      options: isObject(r.options) ? r.options : {},
      seed: Number(r.seed ?? 0),
      mend_version: String(r.mend_version ?? ""),
      created_at: String(r.created_at ?? ""),
      elapsed_ms: Number(r.elapsed_ms ?? 0),
    };
  });
}

/** Reads the run record of `POST /api/cases/{id}/runs` (`{"run": {...}, "result": ...}`). */
export function parseStoredRun(value: unknown): RunSummary & { cached: boolean } {
  if (!isObject(value) || !isObject(value.run)) throw new Error("unexpected answer from the server (run)");
  const [run] = parseRuns({ runs: [value.run] });
  return { ...run, cached: value.run.cached === true };
}

/** The options that differ from nothing in particular, compactly: "samples 2000, seed 1". */
function optionWords(run: RunSummary): string {
  const parts = Object.entries(run.options)
    .filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(",") : typeof v === "object" ? JSON.stringify(v) : String(v)}`);
  if (run.command !== "states" && run.command !== "stability") parts.push(`seed ${run.seed}`);
  return parts.join(", ");
}

/** One line per run: "run 17 · analyze of v3 · samples 2000, seed 1 · 2026-11-30 08:00 UTC". */
export function runLine(run: RunSummary): string {
  const when = run.created_at.replace("T", " ").replace(/:\d\d(\.\d+)?Z$/, " UTC").replace(/Z$/, " UTC");
  const options = optionWords(run);
  return `run ${run.id} · ${run.command} of v${run.version}${options ? ` · ${options}` : ""} · ${when}`;
}

/** The text a reader copies to cite a run: the case, its version and the run id. */
export function runCitation(run: RunSummary): string {
  return `mend run ${run.id} (${run.command} of ${run.case} v${run.version}, mend ${run.mend_version})`;
}
