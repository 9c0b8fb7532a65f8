// What the views need from a case file and from the API's results: pure functions only.
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { Concept, StabilityResult, StatesResult } from "./api";
import { CONCEPTS } from "./api";
import { moverOf } from "./format";
import { insertKey, removeKey } from "./yaml-edit";

export interface Actor {
  id: string;
  name: string;
  role: string;
}
export interface OptionInfo {
  id: string;
  name: string;
  owner: string;
  /** Position of the option inside its owner's list (for edits). */
  index: number;
}
export interface Dimension {
  id: string;
  name: string;
  unit: string;
}
export interface Valuation {
  weights: Record<string, number>;
  loss_aversion?: number;
  uncertainty_aversion?: number;
}
export interface Perception extends Valuation {
  holder: string;
  about: string;
}
/** A parameter as the workbench names it: "Name (unit)", else "id (unit)", else the id. */
export function parameterLabel(outline: Pick<CaseOutline, "parameterUnits" | "parameterNames"> | null, id: string): string {
  const name = outline?.parameterNames?.[id] || id;
  const unit = outline?.parameterUnits[id] ?? "";
  return unit ? `${name} (${unit})` : name;
}

export interface CaseOutline {
  id: string;
  title: string;
  /** The case's own prose summary ("" when it has none). */
  summary: string;
  actors: Actor[];
  options: OptionInfo[];
  dimensions: Dimension[];
  valuation: Record<string, Valuation>;
  /** In file order: index i is `perceptions[i]`. */
  perceptions: Perception[];
  /** The unit of each parameter that states one ("" otherwise). */
  parameterUnits: Record<string, string>;
  /** The name of each parameter that has one ("" otherwise). */
  parameterNames?: Record<string, string>;
}

function readValuation(rec: Record<string, unknown>): Valuation {
  const weights: Record<string, number> = {};
  if (typeof rec.weights === "object" && rec.weights !== null) {
    for (const [dim, w] of Object.entries(rec.weights as Record<string, unknown>)) {
      if (typeof w === "number") weights[dim] = w;
    }
  }
  const v: Valuation = { weights };
  if (typeof rec.loss_aversion === "number") v.loss_aversion = rec.loss_aversion;
  if (typeof rec.uncertainty_aversion === "number") v.uncertainty_aversion = rec.uncertainty_aversion;
  return v;
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : fallback;
}

/** Reads what the forms and views need; returns null when the text is not a YAML mapping. */
export function outline(text: string): CaseOutline | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  const root: unknown = doc.toJS();
  if (typeof root !== "object" || root === null || Array.isArray(root)) return null;
  const r = root as Record<string, unknown>;
  const actors: Actor[] = Array.isArray(r.actors)
    ? r.actors
        .filter((a): a is Record<string, unknown> => typeof a === "object" && a !== null)
        .map((a) => ({ id: str(a.id), name: str(a.name, str(a.id)), role: str(a.role, "decider") }))
    : [];
  const options: OptionInfo[] = [];
  if (typeof r.options === "object" && r.options !== null && !Array.isArray(r.options)) {
    for (const [owner, list] of Object.entries(r.options as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      list.forEach((o, index) => {
        if (typeof o === "object" && o !== null) {
          const rec = o as Record<string, unknown>;
          options.push({ id: str(rec.id), name: str(rec.name, str(rec.id)), owner, index });
        }
      });
    }
  }
  const dimensions: Dimension[] = Array.isArray(r.dimensions)
    ? r.dimensions
        .filter((d): d is Record<string, unknown> => typeof d === "object" && d !== null)
        .map((d) => ({ id: str(d.id), name: str(d.name, str(d.id)), unit: str(d.unit) }))
    : [];
  const valuation: Record<string, Valuation> = {};
  if (typeof r.valuation === "object" && r.valuation !== null) {
    for (const [actor, v] of Object.entries(r.valuation as Record<string, unknown>)) {
      if (typeof v !== "object" || v === null) continue;
      valuation[actor] = readValuation(v as Record<string, unknown>);
    }
  }
  const perceptions: Perception[] = [];
  if (Array.isArray(r.perceptions)) {
    for (const p of r.perceptions) {
      const rec = (typeof p === "object" && p !== null ? p : {}) as Record<string, unknown>;
      perceptions.push({ holder: str(rec.holder), about: str(rec.about), ...readValuation(rec) });
    }
  }
  const parameterUnits: Record<string, string> = {};
  const parameterNames: Record<string, string> = {};
  if (typeof r.parameters === "object" && r.parameters !== null && !Array.isArray(r.parameters)) {
    for (const [id, p] of Object.entries(r.parameters as Record<string, unknown>)) {
      const rec = typeof p === "object" && p !== null ? (p as Record<string, unknown>) : {};
      parameterUnits[id] = str(rec.unit);
      parameterNames[id] = str(rec.name);
    }
  }
  return { id: str(r.id), title: str(r.title, str(r.id)), summary: str(r.summary).trim(), parameterUnits, parameterNames, actors, options, dimensions, valuation, perceptions };
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_ .,()/'-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

/** A scalar as YAML source: numbers as written, strings plain when safe, else double-quoted. */
export function yamlScalar(value: string | number): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("not a finite number");
    return String(value);
  }
  if (PLAIN.test(value) && !RESERVED.test(value) && !value.endsWith(" ")) return value;
  return JSON.stringify(value);
}

/**
 * Sets the scalar at `path` and returns the new text. An existing scalar is replaced in place; a
 * missing key is inserted into its (existing) parent mapping in place (see yaml-edit.ts). Either
 * way the rest of the file (comments, layout, flow maps) is untouched.
 */
export function setScalar(text: string, path: (string | number)[], value: string | number): string {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`the YAML does not parse: ${doc.errors[0].message}`);
  const node = doc.getIn(path, true);
  if (isScalar(node) && node.range) {
    const [start, end] = node.range;
    return text.slice(0, start) + yamlScalar(value) + text.slice(end);
  }
  if (node !== undefined && (isMap(node) || isSeq(node))) throw new Error(`${path.join(".")} is not a scalar`);
  const key = path[path.length - 1];
  if (typeof key !== "string") throw new Error(`${path.join(".")}: no such list item`);
  return insertKey(text, path.slice(0, -1), key, yamlScalar(value));
}

/** Removes the scalar at `path` in place (λ or ρ back to the file's default). */
export function removeScalar(text: string, path: (string | number)[]): string {
  const key = path[path.length - 1];
  if (typeof key !== "string") throw new Error(`${path.join(".")}: not a key`);
  return removeKey(text, path.slice(0, -1), key);
}

export function setWeight(text: string, actor: string, dimension: string, weight: number): string {
  return setScalar(text, ["valuation", actor, "weights", dimension], weight);
}
export function setLossAversion(text: string, actor: string, lambda: number): string {
  return setScalar(text, ["valuation", actor, "loss_aversion"], lambda);
}
export function setUncertaintyAversion(text: string, actor: string, rho: number): string {
  return setScalar(text, ["valuation", actor, "uncertainty_aversion"], rho);
}
export function resetLossAversion(text: string, actor: string): string {
  return removeScalar(text, ["valuation", actor, "loss_aversion"]);
}
export function resetUncertaintyAversion(text: string, actor: string): string {
  return removeScalar(text, ["valuation", actor, "uncertainty_aversion"]);
}
/** Whether an actor's utilities are relative to the status quo (λ or ρ is set in the file). */
export function isReferenceDependent(v: Valuation | undefined): boolean {
  return v !== undefined && (v.loss_aversion !== undefined || v.uncertainty_aversion !== undefined);
}
export function setPerceivedWeight(text: string, index: number, dimension: string, weight: number): string {
  return setScalar(text, ["perceptions", index, "weights", dimension], weight);
}
export function setOptionName(text: string, owner: string, index: number, name: string): string {
  return setScalar(text, ["options", owner, index, "name"], name);
}

// ---- The tableau -------------------------------------------------------------------------

export interface TableauColumn {
  pattern: string;
  number: number;
  statusQuo: boolean;
  isDefault: boolean;
  onPath: boolean;
}
export interface TableauRow {
  kind: "option" | "stability" | "equilibrium" | "utility";
  concept?: Concept;
  label: string;
  owner?: string;
  cells: string[];
}
export interface Tableau {
  columns: TableauColumn[];
  rows: TableauRow[];
  /** Total states, when not all are shown. */
  hidden: number;
}

/** GMCR-style tableau; with more than `limit` states only the interesting ones are shown. */
export function tableau(
  states: StatesResult,
  stability: StabilityResult,
  owners: readonly string[],
  limit = 64,
  /** Actor ids in the order to show them (deciders first); others follow in the API's order. */
  actorOrder: readonly string[] = [],
): Tableau {
  const rank = (id: string) => {
    const i = actorOrder.indexOf(id);
    return i < 0 ? actorOrder.length : i;
  };
  const equilibria = new Set<string>();
  for (const concept of CONCEPTS) for (const p of stability.equilibria[concept] ?? []) equilibria.add(p);
  const path = new Set(stability.default.path);
  const keep =
    states.states.length <= limit
      ? states.states
      : states.states.filter((s) => equilibria.has(s.pattern) || path.has(s.pattern) || s.pattern === stability.status_quo);
  const columns: TableauColumn[] = keep.map((s) => ({
    pattern: s.pattern,
    number: s.number,
    statusQuo: s.pattern === stability.status_quo,
    isDefault: s.pattern === stability.default.pattern,
    onPath: path.has(s.pattern),
  }));
  const rows: TableauRow[] = [];
  states.options.forEach((option, i) => {
    rows.push({ kind: "option", label: option, owner: owners[i], cells: columns.map((c) => c.pattern[i] ?? "") });
  });
  for (const concept of CONCEPTS) {
    const perDecider = stability.stability[concept];
    if (!perDecider) continue;
    for (const [decider, stable] of Object.entries(perDecider).sort((a, b) => rank(a[0]) - rank(b[0]))) {
      const set = new Set(stable);
      rows.push({ kind: "stability", concept, label: decider, cells: columns.map((c) => (set.has(c.pattern) ? "s" : ".")) });
    }
    const eq = new Set(stability.equilibria[concept] ?? []);
    rows.push({ kind: "equilibrium", concept, label: "equilibrium", cells: columns.map((c) => (eq.has(c.pattern) ? "E" : "")) });
  }
  const actors = new Set<string>();
  for (const s of keep) for (const a of Object.keys(s.utility)) actors.add(a);
  for (const actor of [...actors].sort((a, b) => rank(a) - rank(b))) {
    rows.push({
      kind: "utility",
      label: actor,
      cells: keep.map((s) => (s.utility[actor] === undefined ? "" : String(s.utility[actor]))),
    });
  }
  return { columns, rows, hidden: states.states.length - keep.length };
}

// ---- The evolution graph -----------------------------------------------------------------

export interface GraphNode {
  id: string;
  label: string;
  classes: string[];
}
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  label: string;
}

/** Nodes and edges of the path from the status quo to the default (or round its cycle). */
export function evolution(stability: StabilityResult, owners: readonly string[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const equilibria = new Set<string>();
  for (const concept of CONCEPTS) for (const p of stability.equilibria[concept] ?? []) equilibria.add(p);
  const path = stability.default.path.length > 0 ? stability.default.path : [stability.status_quo];
  const nodes: GraphNode[] = [];
  const seen = new Set<string>();
  for (const pattern of path) {
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    const classes: string[] = [];
    if (pattern === stability.status_quo) classes.push("status-quo");
    if (pattern === stability.default.pattern) classes.push("default");
    if (equilibria.has(pattern)) classes.push("equilibrium");
    nodes.push({ id: pattern, label: pattern, classes });
  }
  const edges: GraphEdge[] = [];
  for (let i = 1; i < path.length; i++) {
    const movers = path[i - 1].length === path[i].length ? moverOf(path[i - 1], path[i], owners) : [];
    edges.push({ id: `e${i}`, source: path[i - 1], target: path[i], label: `${i}. ${movers.join("+") || "?"}` });
  }
  return { nodes, edges };
}

/** The owner of each option in file order, from the outline, aligned with the API's option ids. */
export function ownersFor(optionIds: readonly string[], outlined: CaseOutline | null): string[] {
  const byId = new Map((outlined?.options ?? []).map((o) => [o.id, o.owner]));
  return optionIds.map((id) => byId.get(id) ?? "?");
}
