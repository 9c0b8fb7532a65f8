// The client of the `mend serve` HTTP API (docs/api.md). Parsing is separated from fetching so
// that the shapes are checked by unit tests without a server.
import { parseRuns, parseStoredRun, type RunSummary } from "./runs";

export interface LocatedError {
  code: string;
  message: string;
  text: string;
  file?: string;
  line?: number;
  column?: number;
  key?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly detail: LocatedError;
  constructor(status: number, detail: LocatedError) {
    super(detail.message);
    this.name = "ApiError";
    this.status = status;
    this.detail = detail;
  }
}

export interface Health {
  status: string;
  mend_version: string;
  schema_version?: number;
  cases?: number;
}

export interface CaseSummary {
  id: string;
  title: string;
  latest_version: number;
  versions: number;
  created_at?: string;
  updated_at?: string;
}

export interface CaseVersion {
  id: string;
  version: number;
  title: string;
  message?: string;
  origin?: string;
  created_at?: string;
  checksum?: string;
  source: string;
}

export interface SaveResult {
  id: string;
  version: number;
  created: boolean;
}

export type Validation =
  | { valid: true; kind: string; id: string; options: number; states: number }
  | { valid: false; errors: LocatedError[] };

export interface StateRow {
  number: number;
  pattern: string;
  utility: Record<string, number>;
}

export interface StatesResult {
  case: string;
  options: string[];
  states: StateRow[];
}

export const CONCEPTS = ["nash", "gmr", "smr", "seq"] as const;
export type Concept = (typeof CONCEPTS)[number];

export interface StabilityResult {
  case: string;
  stability: Partial<Record<Concept, Record<string, string[]>>>;
  equilibria: Partial<Record<Concept, string[]>>;
  status_quo: string;
  default: { pattern: string | null; path: string[]; cycle: boolean; explicit?: boolean };
  reachable_equilibria: Partial<Record<Concept, string[]>>;
  sanctions?: string;
}

export interface LedgerDimension {
  natural: number;
  weighted?: number;
  unit?: string;
  p5?: number;
  p95?: number;
}

export interface LedgerEntry {
  total: number;
  dimensions: Record<string, LedgerDimension>;
  p5?: number;
  p95?: number;
}

export interface AnalyzeResult extends StabilityResult {
  alternative: { pattern: string; self_enforcing?: boolean; rule?: string; gains?: Record<string, number> } | null;
  /** The state with the largest total gain over the default (what it would take without an alternative). */
  largest_total_gain?: { pattern: string; total: number; gains: Record<string, number> } | null;
  pareto_frontier?: string[];
  ledger?: Record<string, LedgerEntry>;
  unnecessary_loss?: Record<string, number>;
  status_neutral_ledger?: Record<string, LedgerEntry>;
  note?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fail(what: string): never {
  throw new Error(`unexpected response: ${what}`);
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** One located error object, as in `{"error": {...}}` and in validate's `errors`. */
export function parseLocatedError(value: unknown): LocatedError {
  if (!isObject(value)) fail("error is not an object");
  const message = optionalString(value.message) ?? "unknown error";
  const error: LocatedError = {
    code: optionalString(value.code) ?? "internal",
    message,
    text: optionalString(value.text) ?? message,
  };
  const file = optionalString(value.file);
  const line = optionalNumber(value.line);
  const column = optionalNumber(value.column);
  const key = optionalString(value.key);
  if (file !== undefined) error.file = file;
  if (line !== undefined) error.line = line;
  if (column !== undefined) error.column = column;
  if (key !== undefined) error.key = key;
  return error;
}

/** The error of a failed response; tolerates bodies that are not the documented JSON. */
export function parseErrorBody(status: number, body: string): ApiError {
  try {
    const json: unknown = JSON.parse(body);
    if (isObject(json) && isObject(json.error)) return new ApiError(status, parseLocatedError(json.error));
  } catch {
    // fall through: not JSON
  }
  const message = body.trim().slice(0, 200) || `HTTP ${status}`;
  return new ApiError(status, { code: status === 404 ? "not-found" : "internal", message, text: message });
}

export function parseValidation(value: unknown): Validation {
  if (!isObject(value) || typeof value.valid !== "boolean") fail("validate: no 'valid'");
  if (value.valid) {
    return {
      valid: true,
      kind: optionalString(value.kind) ?? "case",
      id: optionalString(value.id) ?? "",
      options: optionalNumber(value.options) ?? 0,
      states: optionalNumber(value.states) ?? 0,
    };
  }
  const errors = Array.isArray(value.errors) ? value.errors.map(parseLocatedError) : [];
  if (errors.length === 0) errors.push({ code: "invalid-argument", message: "invalid case", text: "invalid case" });
  return { valid: false, errors };
}

export function parseStates(value: unknown): StatesResult {
  if (!isObject(value) || !Array.isArray(value.states) || !Array.isArray(value.options)) fail("states");
  const states = value.states.map((row): StateRow => {
    if (!isObject(row) || typeof row.pattern !== "string") fail("states: row without pattern");
    const utility: Record<string, number> = {};
    if (isObject(row.utility)) {
      for (const [actor, u] of Object.entries(row.utility)) if (typeof u === "number") utility[actor] = u;
    }
    return { number: optionalNumber(row.number) ?? 0, pattern: row.pattern, utility };
  });
  return { case: optionalString(value.case) ?? "", options: value.options.map(String), states };
}

function patternLists(value: unknown): Partial<Record<Concept, string[]>> {
  const out: Partial<Record<Concept, string[]>> = {};
  if (!isObject(value)) return out;
  for (const concept of CONCEPTS) {
    const list = value[concept];
    if (Array.isArray(list)) out[concept] = list.map(String);
  }
  return out;
}

export function parseStability(value: unknown): StabilityResult {
  if (!isObject(value) || !isObject(value.stability) || !isObject(value.default)) fail("stability");
  const stability: StabilityResult["stability"] = {};
  for (const concept of CONCEPTS) {
    const perDecider = value.stability[concept];
    if (!isObject(perDecider)) continue;
    const map: Record<string, string[]> = {};
    for (const [decider, list] of Object.entries(perDecider)) map[decider] = Array.isArray(list) ? list.map(String) : [];
    stability[concept] = map;
  }
  const def = value.default;
  return {
    case: optionalString(value.case) ?? "",
    stability,
    equilibria: patternLists(value.equilibria),
    status_quo: optionalString(value.status_quo) ?? "",
    default: {
      pattern: typeof def.pattern === "string" ? def.pattern : null,
      path: Array.isArray(def.path) ? def.path.map(String) : [],
      cycle: def.cycle === true,
      explicit: def.explicit === true,
    },
    reachable_equilibria: patternLists(value.reachable_equilibria),
    sanctions: optionalString(value.sanctions),
  };
}

function parseLedger(value: unknown): Record<string, LedgerEntry> | undefined {
  if (!isObject(value)) return undefined;
  const ledger: Record<string, LedgerEntry> = {};
  for (const [actor, entry] of Object.entries(value)) {
    if (!isObject(entry)) continue;
    const dimensions: Record<string, LedgerDimension> = {};
    if (isObject(entry.dimensions)) {
      for (const [dim, d] of Object.entries(entry.dimensions)) {
        if (!isObject(d)) continue;
        const natural = optionalNumber(d.natural) ?? optionalNumber(d.weighted);
        if (natural === undefined) continue;
        dimensions[dim] = {
          natural,
          weighted: optionalNumber(d.weighted),
          unit: optionalString(d.unit),
          p5: optionalNumber(d.p5),
          p95: optionalNumber(d.p95),
        };
      }
    }
    ledger[actor] = {
      total: optionalNumber(entry.total) ?? 0,
      dimensions,
      p5: optionalNumber(entry.p5),
      p95: optionalNumber(entry.p95),
    };
  }
  return ledger;
}

function numbers(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (isObject(value)) for (const [k, x] of Object.entries(value)) if (typeof x === "number") out[k] = x;
  return out;
}

export function parseAnalyze(value: unknown): AnalyzeResult {
  const base = parseStability(value);
  const v = value as Record<string, unknown>;
  const alt = v.alternative;
  const unnecessary: Record<string, number> = {};
  if (isObject(v.unnecessary_loss)) {
    for (const [actor, x] of Object.entries(v.unnecessary_loss)) if (typeof x === "number") unnecessary[actor] = x;
  }
  return {
    ...base,
    alternative:
      isObject(alt) && typeof alt.pattern === "string"
        ? { pattern: alt.pattern, self_enforcing: alt.self_enforcing === true, rule: optionalString(alt.rule), gains: numbers(alt.gains) }
        : null,
    largest_total_gain:
      isObject(v.largest_total_gain) && typeof v.largest_total_gain.pattern === "string"
        ? { pattern: v.largest_total_gain.pattern, total: optionalNumber(v.largest_total_gain.total) ?? 0, gains: numbers(v.largest_total_gain.gains) }
        : null,
    pareto_frontier: Array.isArray(v.pareto_frontier) ? v.pareto_frontier.map(String) : [],
    ledger: parseLedger(v.ledger),
    unnecessary_loss: unnecessary,
    status_neutral_ledger: parseLedger(v.status_neutral_ledger),
    note: optionalString(v.note),
  };
}

export function parseHealth(value: unknown): Health {
  if (!isObject(value) || typeof value.status !== "string") fail("health");
  return {
    status: value.status,
    mend_version: optionalString(value.mend_version) ?? "?",
    schema_version: optionalNumber(value.schema_version),
    cases: optionalNumber(value.cases),
  };
}

export function parseCaseList(value: unknown): CaseSummary[] {
  if (!isObject(value) || !Array.isArray(value.cases)) fail("cases");
  return value.cases.map((c): CaseSummary => {
    if (!isObject(c) || typeof c.id !== "string") fail("cases: entry without id");
    return {
      id: c.id,
      title: optionalString(c.title) ?? c.id,
      latest_version: optionalNumber(c.latest_version) ?? 1,
      versions: optionalNumber(c.versions) ?? 1,
      created_at: optionalString(c.created_at),
      updated_at: optionalString(c.updated_at),
    };
  });
}

export function parseCaseVersion(value: unknown): CaseVersion {
  if (!isObject(value) || typeof value.source !== "string" || typeof value.id !== "string") fail("case version");
  return {
    id: value.id,
    version: optionalNumber(value.version) ?? 1,
    title: optionalString(value.title) ?? value.id,
    message: optionalString(value.message),
    origin: optionalString(value.origin),
    created_at: optionalString(value.created_at),
    checksum: optionalString(value.checksum),
    source: value.source,
  };
}

export interface VersionSummary {
  version: number;
  title: string;
  message: string;
  origin: string;
  created_at: string;
}

/** `GET /api/cases/{id}/versions`: the history, newest first. */
export function parseVersions(value: unknown): VersionSummary[] {
  if (!isObject(value) || !Array.isArray(value.versions)) fail("versions");
  return value.versions.map((v): VersionSummary => {
    if (!isObject(v) || typeof v.version !== "number") fail("versions: entry without version");
    return {
      version: v.version,
      title: optionalString(v.title) ?? "",
      message: optionalString(v.message) ?? "",
      origin: optionalString(v.origin) ?? "",
      created_at: optionalString(v.created_at) ?? "",
    };
  });
}

export function parseSaveResult(value: unknown): SaveResult {
  if (!isObject(value) || typeof value.id !== "string" || typeof value.version !== "number") fail("save");
  return { id: value.id, version: value.version, created: value.created === true };
}


// ---- The lenses, portfolios, Monte Carlo and briefs (docs/api.md) ----------------------

export interface PerceptionGap {
  holder: string;
  about: string;
  dimension: string;
  perceived_weight: number;
  actual_weight: number;
  perceived_ledger: number;
  actual_ledger: number;
}
export interface HolderProposal {
  pattern: string | null;
  truly_pareto_improving?: boolean;
  self_enforcing?: boolean;
  losers?: Record<string, number>;
}
export interface PerceptionsResult {
  case: string;
  concept: string;
  default: string | null;
  alternative: string | null;
  note: string;
  hypergame_equilibria: Record<string, string[]>;
  true_equilibria: Record<string, string[]>;
  proposals: Record<string, HolderProposal>;
  cost_of_misperception: Record<string, number>;
  gaps: PerceptionGap[];
}
export interface ViabilityDecider {
  gap: number;
  status_quo_utility: number;
  proposal_utility: number;
  central_gain: number;
  loss_aversion: number;
  uncertainty_aversion: number;
  status_quo_sd: number;
  proposal_sd: number;
  gap_without_uncertainty_in: Record<string, number>;
  closing_dimension?: string | null;
}
export interface ViabilityResult {
  case: string;
  proposal: string;
  status_quo: string;
  viable: boolean;
  samples: number;
  seed: number;
  deciders: Record<string, ViabilityDecider>;
}
export interface KappaRow {
  kappa: number;
  crisis_frequency: number;
  time_in_crisis: number;
  mean_gain: Record<string, number>;
}
export interface DynamicsResult {
  case: string;
  rounds: number;
  runs: number;
  seed: number;
  default: string;
  alternative: string;
  gain_distribution_mean: Record<string, number>;
  by_kappa: KappaRow[];
  best_kappa: number;
}
export interface McState {
  pattern: string;
  p_equilibrium: Record<string, number>;
  p_default: number;
  p_pareto_improves_default: number;
  p_alternative: number;
}
export interface McSensitivity {
  parameter: string;
  figure: string;
  low: number | string | boolean | null;
  high: number | string | boolean | null;
  switching_value: number | null;
  switching_quantile: number | null;
  /** Newer servers: the ends of the interval around the median on which the conclusion holds (null: to the end of the scanned range), with their quantiles. */
  holds_from?: number | null;
  holds_from_quantile?: number | null;
  holds_to?: number | null;
  holds_to_quantile?: number | null;
}
/** A ledger's histogram: equal bins between `low` and `high`, the tails counted apart. */
export interface McHistogram {
  low: number;
  high: number;
  counts: number[];
  below: number;
  above: number;
}
export interface MonteCarloResult {
  case: string;
  samples: number;
  seed: number;
  method: string;
  central: { default: string | null; alternative: string | null };
  p_cycle: number;
  /** Newer servers: the share of samples whose default (alternative) is the central one. */
  p_central_default?: number | null;
  p_central_alternative?: number | null;
  /** Newer servers: the share of samples in which nothing Pareto-improves the default. */
  p_no_alternative?: number | null;
  states: McState[];
  /** Newer servers: what each ledger compares, in words. */
  ledger_comparison?: LedgerComparison | null;
  ledger: Record<string, McLedger | null>;
  /**
   * Newer servers: each sample's own alternative against that sample's own default (0 in the
   * samples without one), per actor, with the comparison it describes.
   */
  unconditional_ledger_comparison?: LedgerComparison | null;
  unconditional_ledger?: Record<string, McLedger | null>;
  sensitivity: McSensitivity[];
}
export interface McLedger {
  mean: number;
  median: number;
  p5: number;
  p95: number;
  p_loss: number;
  histogram?: McHistogram;
}
export interface LedgerComparison {
  kind: string;
  text: string;
  from?: string;
  to?: string;
}
export interface LinkageBlock {
  standalone: { gains: Record<string, number>; states: Record<string, string | null> };
  linked: { gains: Record<string, number>; states: Record<string, string | null> };
  defaults: Record<string, string | null>;
  premium: Record<string, number>;
  available: boolean;
  refused_by: string[];
  positive_sum_alone: string[];
  needs_linkage: string[];
  linked_beats_standalone: boolean;
  /** Newer servers: (b) the issues alone with a transfer inside each issue without a*. */
  with_transfers?: {
    gains: Record<string, number>;
    issues: Record<string, { state: string | null; reason: string | null; amount?: number; unit?: string; dimension?: string; from?: Record<string, number>; to?: Record<string, number>; gains?: Record<string, number> }>;
  };
  /** Newer servers: max(0, linked − max(standalone, with transfers)) per decider. */
  refusal_cost?: Record<string, number>;
  /** Newer servers: what refusing linkage costs in words, or that the search was too small to tell. */
  verdict?: string;
  /** Newer servers: per issue, its deciders of that issue only, with their gain alone and linked. */
  issue_only_deciders?: Record<string, Record<string, { standalone: number; linked: number }>>;
}
export interface PortfolioResult {
  portfolio: string;
  linkage: LinkageBlock | null;
}
export interface StoredRun<T> {
  run: { id: number; cached?: boolean; case: string; version: number; command: string };
  result: T;
}
export interface BriefResult {
  case: string;
  actor: string;
  lang: string;
  format: "markdown" | "html";
  text: string;
}

function objectWithCase<T>(value: unknown, what: string, key = "case"): T {
  if (!isObject(value) || typeof value[key] !== "string") fail(what);
  return value as T;
}
export function parsePerceptions(value: unknown): PerceptionsResult {
  const r = objectWithCase<PerceptionsResult>(value, "perceptions");
  if (!Array.isArray(r.gaps) || !isObject(r.proposals)) fail("perceptions");
  return r;
}
export function parseViability(value: unknown): ViabilityResult {
  const r = objectWithCase<ViabilityResult>(value, "viability");
  if (!isObject(r.deciders) || typeof r.viable !== "boolean") fail("viability");
  return r;
}
export function parseDynamics(value: unknown): DynamicsResult {
  const r = objectWithCase<DynamicsResult>(value, "dynamics");
  if (!Array.isArray(r.by_kappa)) fail("dynamics");
  return r;
}
export function parseMonteCarlo(value: unknown): MonteCarloResult {
  const r = objectWithCase<MonteCarloResult>(value, "montecarlo");
  if (!Array.isArray(r.states) || !Array.isArray(r.sensitivity)) fail("montecarlo");
  return r;
}
export function parseBrief(value: unknown): BriefResult {
  const r = objectWithCase<BriefResult>(value, "brief");
  if (typeof r.text !== "string" || (r.format !== "markdown" && r.format !== "html")) fail("brief");
  return r;
}
/** `POST /api/explain`: the text `mend explain` prints, and its cited sources as data. */
export interface Explanation {
  case: string;
  state: string;
  actor: string;
  utility: number;
  text: string;
  sources: { id: string; cite: string; url: string }[];
}
export function parseExplanation(value: unknown): Explanation {
  const r = objectWithCase<Explanation>(value, "explain");
  if (typeof r.text !== "string" || typeof r.state !== "string" || typeof r.actor !== "string" || !Array.isArray(r.sources)) fail("explain");
  const sources = r.sources.filter(isObject).map((s) => ({ id: String(s.id ?? ""), cite: String(s.cite ?? ""), url: typeof s.url === "string" ? s.url : "" }));
  return { ...r, utility: Number(r.utility), sources };
}
export function parsePortfolioRun(value: unknown): StoredRun<PortfolioResult> {
  if (!isObject(value) || !isObject(value.run) || !isObject(value.result)) fail("portfolio");
  const result = objectWithCase<PortfolioResult>(value.result, "portfolio", "portfolio");
  return { run: value.run as StoredRun<PortfolioResult>["run"], result };
}

/** One line of the Monte Carlo stream. */
export type McLine =
  | { kind: "job"; job: string }
  | { kind: "progress"; done: number; total: number }
  | { kind: "result"; result: MonteCarloResult }
  | { kind: "error"; error: LocatedError };
export function parseMcLine(text: string): McLine {
  const value = JSON.parse(text) as unknown;
  if (!isObject(value)) fail("montecarlo line");
  if (typeof value.job === "string") return { kind: "job", job: value.job };
  if (isObject(value.progress)) return { kind: "progress", done: Number(value.progress.done), total: Number(value.progress.total) };
  if (isObject(value.error)) return { kind: "error", error: parseLocatedError(value.error) };
  if (isObject(value.result)) return { kind: "result", result: parseMonteCarlo(value.result) };
  fail("montecarlo line");
}

/**
 * Asks the user to sign in (POST /api/login sets the cookie); resolves true once signed in,
 * false when the user gave up. See login.ts.
 */
export type LoginPrompt = () => Promise<boolean>;

/** Fetches JSON from the API, turning documented error bodies into ApiError. */
export class Client {
  private loginPrompt: LoginPrompt | null = null;
  private pendingLogin: Promise<boolean> | null = null;

  constructor(private readonly base = "", private readonly fetcher: typeof fetch = (...a) => fetch(...a)) {}

  /**
   * What to do when the server answers 401 (it has a token and this browser has no valid
   * cookie): the prompt runs once for all requests refused meanwhile, and each of them is sent
   * again once after a sign-in.
   */
  setLoginPrompt(prompt: LoginPrompt | null): void {
    this.loginPrompt = prompt;
  }

  /** `POST /api/login`: the server sets its HttpOnly cookie when the token is right. */
  async login(token: string): Promise<void> {
    const response = await this.fetcher(`${this.base}/api/login`, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify({ token }),
    });
    if (!response.ok) throw parseErrorBody(response.status, await response.text());
    await response.text();
  }

  /** Sends a request; a 401 asks the user to sign in (once for all requests) and sends it again. */
  private async send(path: string, init: RequestInit): Promise<Response> {
    const response = await this.fetcher(`${this.base}${path}`, init);
    if (response.status !== 401 || !this.loginPrompt || path === "/api/login") return response;
    const prompt = this.loginPrompt;
    this.pendingLogin ??= prompt().finally(() => {
      this.pendingLogin = null;
    });
    if (!(await this.pendingLogin)) return response;
    return this.fetcher(`${this.base}${path}`, init);
  }

  private async request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<unknown> {
    const init: RequestInit = { method, headers: { Accept: "application/json" }, signal };
    if (typeof body === "string") {
      init.body = body;
      init.headers = { ...init.headers, "Content-Type": "application/yaml" };
    } else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { ...init.headers, "Content-Type": "application/json" };
    }
    const response = await this.send(path, init);
    const text = await response.text();
    if (!response.ok) throw parseErrorBody(response.status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ApiError(response.status, { code: "internal", message: "response is not JSON", text: "response is not JSON" });
    }
  }

  async health(): Promise<Health> {
    return parseHealth(await this.request("GET", "/api/health"));
  }
  async cases(): Promise<CaseSummary[]> {
    return parseCaseList(await this.request("GET", "/api/cases"));
  }
  async latest(id: string): Promise<CaseVersion> {
    return parseCaseVersion(await this.request("GET", `/api/cases/${encodeURIComponent(id)}`));
  }
  async version(id: string, version: number): Promise<CaseVersion> {
    return parseCaseVersion(await this.request("GET", `/api/cases/${encodeURIComponent(id)}/versions/${version}`));
  }
  async versions(id: string): Promise<VersionSummary[]> {
    return parseVersions(await this.request("GET", `/api/cases/${encodeURIComponent(id)}/versions`));
  }
  /** Where the browser downloads a case file from. */
  exportUrl(id: string, version?: number): string {
    return `${this.base}/api/cases/${encodeURIComponent(id)}/export${version === undefined ? "" : `?version=${version}`}`;
  }
  /** `POST /api/import`: stores a case file as a new version (or a new case). */
  async importFile(name: string, text: string): Promise<SaveResult> {
    return parseSaveResult(await this.request("POST", `/api/import?name=${encodeURIComponent(name)}`, text));
  }
  /** `GET /api/cases/{id}/runs`: the stored runs of a case, newest first. */
  async runs(id: string): Promise<RunSummary[]> {
    return parseRuns(await this.request("GET", `/api/cases/${encodeURIComponent(id)}/runs`));
  }
  /** `POST /api/cases/{id}/runs`: runs `command` on a stored version once and stores it. */
  async storeRun(id: string, version: number, command: string): Promise<RunSummary & { cached: boolean }> {
    return parseStoredRun(await this.request("POST", `/api/cases/${encodeURIComponent(id)}/runs`, { command, version }));
  }
  /** `DELETE /api/runs/{run}`: removes a stored run, freeing its bytes for new runs. */
  async removeRun(run: number): Promise<void> {
    await this.request("DELETE", `/api/runs/${run}`);
  }
  /**
   * `POST /api/cases` with `create_only`: creates the case `source` names; when that id exists
   * (someone created it meanwhile) the server stores nothing and answers 409 naming the id.
   */
  async create(source: string, message: string): Promise<SaveResult> {
    const body = message ? { source, message, create_only: true } : { source, create_only: true };
    return parseSaveResult(await this.request("POST", "/api/cases", body));
  }
  async save(id: string, source: string, message: string): Promise<SaveResult> {
    const body = message ? { source, message } : { source };
    return parseSaveResult(await this.request("POST", `/api/cases/${encodeURIComponent(id)}/versions`, body));
  }
  async validate(source: string, signal?: AbortSignal): Promise<Validation> {
    return parseValidation(await this.request("POST", "/api/validate", { source }, signal));
  }
  async states(source: string, signal?: AbortSignal): Promise<StatesResult> {
    return parseStates(await this.request("POST", "/api/states", { source }, signal));
  }
  async stability(source: string, sanctions: string, signal?: AbortSignal): Promise<StabilityResult> {
    return parseStability(await this.request("POST", "/api/stability", { source, sanctions }, signal));
  }
  /** The central analysis: the stability keys, the alternative and the ledger. */
  async analyze(source: string, sanctions = "textbook", signal?: AbortSignal): Promise<AnalyzeResult> {
    return parseAnalyze(await this.request("POST", "/api/analyze", { source, sanctions }, signal));
  }

  async perceptions(source: string, signal?: AbortSignal): Promise<PerceptionsResult> {
    return parsePerceptions(await this.request("POST", "/api/perceptions", { source }, signal));
  }
  async viability(source: string, proposal: string, signal?: AbortSignal): Promise<ViabilityResult> {
    return parseViability(await this.request("POST", "/api/viability", { source, proposal }, signal));
  }
  async dynamics(source: string, options: { runs?: number; rounds?: number; kappas?: number[] }, signal?: AbortSignal): Promise<DynamicsResult> {
    return parseDynamics(await this.request("POST", "/api/dynamics", { source, ...options }, signal));
  }
  async brief(source: string, actor: string, lang: string, format: string, signal?: AbortSignal): Promise<BriefResult> {
    return parseBrief(await this.request("POST", "/api/brief", { source, actor, lang, format }, signal));
  }
  /** Where `actor`'s utility in `state` comes from, as `mend explain` prints it. */
  async explain(source: string, state: string, actor: string, sanctions: string, signal?: AbortSignal): Promise<Explanation> {
    return parseExplanation(await this.request("POST", "/api/explain", { source, state, actor, sanctions }, signal));
  }
  async portfolio(cases: string[], linkage: Record<string, boolean>, signal?: AbortSignal): Promise<StoredRun<PortfolioResult>> {
    return parsePortfolioRun(await this.request("POST", "/api/portfolio", { cases, linkage }, signal));
  }
  async cancelJob(job: string): Promise<void> {
    await this.request("POST", `/api/jobs/${encodeURIComponent(job)}/cancel`, {});
  }
  /** Streams `POST /api/montecarlo`; aborting `signal` closes the connection, which stops the run. */
  async montecarlo(source: string, options: { samples: number; seed: number }, onLine: (line: McLine) => void, signal?: AbortSignal): Promise<MonteCarloResult> {
    const response = await this.send("/api/montecarlo", {
      method: "POST",
      headers: { Accept: "application/x-ndjson", "Content-Type": "application/json" },
      body: JSON.stringify({ source, ...options }),
      signal,
    });
    if (!response.ok || !response.body) throw parseErrorBody(response.status, await response.text());
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let pending = "";
    let result: MonteCarloResult | null = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (value) pending += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = pending.indexOf("\n")) >= 0) {
        const line = pending.slice(0, newline).trim();
        pending = pending.slice(newline + 1);
        if (!line) continue;
        const parsed = parseMcLine(line);
        onLine(parsed);
        if (parsed.kind === "error") throw new ApiError(503, parsed.error);
        if (parsed.kind === "result") result = parsed.result;
      }
      if (done) break;
    }
    if (!result) throw new ApiError(500, { code: "internal", message: "the stream ended without a result", text: "the stream ended without a result" });
    return result;
  }
}
