// The ledger: what each actor loses by staying in the default, per dimension (when the server
// has the analysis), and what the API offers today: utilities at the status quo, the default and
// the alternative, and how each actor's utility is spread over the feasible states.
import * as Plot from "@observablehq/plot";
import type { AnalyzeResult, StabilityResult, StatesResult } from "../api";
import { el } from "../dom";
import { formatNumber } from "../format";
import { traceButton } from "../trace";
import { VIEW_WORDS, type ViewWords } from "./words";

export interface LedgerBar {
  actor: string;
  dimension: string;
  /** Weighted (utility units, comparable across dimensions). */
  value: number;
  natural: number;
  unit: string;
  low?: number;
  high?: number;
}

/** Flattens the ledger to one bar per actor and dimension (pure; unit-tested). */
export function ledgerBars(analysis: AnalyzeResult, names: LedgerNames = {}): LedgerBar[] {
  const actorName = names.actor ?? ((id: string) => id);
  const dimensionName = names.dimension ?? ((id: string) => id);
  const bars: LedgerBar[] = [];
  for (const [actor, entry] of Object.entries(analysis.ledger ?? {})) {
    for (const [dimension, d] of Object.entries(entry.dimensions)) {
      bars.push({ actor: actorName(actor), dimension: dimensionName(dimension), value: d.weighted ?? d.natural, natural: d.natural, unit: d.unit ?? "", low: d.p5, high: d.p95 });
    }
  }
  return bars;
}

/** Display names of actors and dimensions (ids when not given). */
export interface LedgerNames {
  actor?: (id: string) => string;
  dimension?: (id: string) => string;
}

export function renderLedger(
  container: HTMLElement,
  states: StatesResult,
  stability: StabilityResult,
  analysis: AnalyzeResult | null,
  names: LedgerNames = {},
  words: ViewWords = VIEW_WORDS.en,
  traceable = false,
): void {
  const actorName = names.actor ?? ((id: string) => id);
  const width = Math.max(320, Math.min(container.clientWidth || 640, 900) - 16);
  const parts: HTMLElement[] = [];

  if (analysis && analysis.ledger) {
    const bars = ledgerBars(analysis, names);
    parts.push(el("h3", {}, words.ledgerHeading(analysis.default.pattern ?? "(cycle)", analysis.alternative?.pattern ?? "–")));
    const marks: Plot.Markish[] = [
      Plot.barX(bars, { x: "value", y: "dimension", fy: "actor", fill: (d: LedgerBar) => (d.value >= 0 ? "#1f5fa8" : "#a8321f"), title: (d: LedgerBar) => `${d.actor}, ${d.dimension}: ${formatNumber(d.natural)} ${d.unit} (${words.weighted} ${formatNumber(d.value)})` }),
      Plot.ruleX([0]),
    ];
    if (bars.some((b) => b.low !== undefined && b.high !== undefined)) {
      marks.push(Plot.ruleY(bars.filter((b) => b.low !== undefined), { x1: "low", x2: "high", y: "dimension", fy: "actor", stroke: "#111", strokeWidth: 2 }));
    }
    parts.push(figure(Plot.plot({ width, marginLeft: 140, x: { label: words.ledgerAxis, grid: true }, y: { label: null }, fy: { label: null }, marks }), "ledger-plot"));
    parts.push(ledgerTable(analysis, names, words, traceable));
    if (analysis.note) parts.push(el("p", { class: "note" }, analysis.note));
  } else if (analysis?.note) {
    parts.push(el("p", { class: "note", id: "ledger-note" }, analysis.note));
  } else {
    parts.push(
      el("p", { class: "note" }, words.noAlternative),
    );
  }

  // Utility at the status quo, the default and (when known) the alternative, per actor.
  const byPattern = new Map(states.states.map((s) => [s.pattern, s]));
  const picks: { label: string; pattern: string | null | undefined }[] = [
    { label: words.statusQuo, pattern: stability.status_quo },
    { label: words.default, pattern: stability.default.pattern },
    { label: words.alternative, pattern: analysis?.alternative?.pattern },
  ];
  const rows: { actor: string; state: string; utility: number }[] = [];
  for (const pick of picks) {
    const s = pick.pattern ? byPattern.get(pick.pattern) : undefined;
    if (!s) continue;
    for (const [actor, u] of Object.entries(s.utility)) rows.push({ actor: actorName(actor), state: `${pick.label} ${s.pattern}`, utility: u });
  }
  if (rows.length > 0) {
    parts.push(el("h3", {}, words.utilityHeading));
    parts.push(
      figure(
        Plot.plot({
          width,
          marginLeft: 140,
          color: { legend: true, domain: [...new Set(rows.map((r) => r.state))], range: ["#0b3d91", "#a8321f", "#1a5e20"] },
          x: { label: words.utilityAxis, grid: true },
          y: { label: null },
          fy: { label: null },
          marks: [Plot.barX(rows, { x: "utility", y: "state", fy: "actor", fill: "state", title: (d: { actor: string; state: string; utility: number }) => `${d.actor} ${words.at} ${d.state}: ${formatNumber(d.utility)}` }), Plot.ruleX([0])],
        }),
        "utility-plot",
      ),
    );
  }

  // How each actor's utility is spread over the feasible states.
  const spread: { actor: string; utility: number }[] = [];
  for (const s of states.states) for (const [actor, u] of Object.entries(s.utility)) spread.push({ actor: actorName(actor), utility: u });
  if (spread.length > 0 && states.states.length > 2) {
    parts.push(el("h3", {}, words.spreadHeading(states.states.length)));
    parts.push(
      figure(
        Plot.plot({
          width,
          height: 90 * new Set(spread.map((d) => d.actor)).size + 40,
          marginLeft: 140,
          x: { label: words.utilityAxis },
          y: { label: words.statesAxis, grid: true },
          fy: { label: null },
          marks: [Plot.rectY(spread, Plot.binX({ y: "count" }, { x: "utility", fy: "actor", fill: "#5b6b7d" } as Plot.BinXInputs<Plot.RectYOptions>)), Plot.ruleY([0])],
        }),
        "histogram-plot",
      ),
    );
  }
  container.replaceChildren(...parts);
}

function figure(plot: HTMLElement | SVGSVGElement, id: string): HTMLElement {
  const f = el("figure", { id, class: "plot" });
  f.append(plot);
  return f;
}

/** The ledger as a table: the chart's text alternative, and the figures to cite. */
// With `traceable` (the workbench), each total opens its trace (trace.ts); the report has no server to ask.
function ledgerTable(analysis: AnalyzeResult, names: LedgerNames, words: ViewWords, traceable: boolean): HTMLElement {
  const actorName = names.actor ?? ((id: string) => id);
  const dimensionName = names.dimension ?? ((id: string) => id);
  const table = el("table", { class: "ledger-table", id: "ledger-table" });
  table.append(el("caption", {}, words.ledgerCaption));
  table.append(el("thead", {}, el("tr", {}, ...words.ledgerColumns.map((h) => el("th", { scope: "col" }, h)))));
  const body = el("tbody");
  for (const [actor, entry] of Object.entries(analysis.ledger ?? {})) {
    for (const [dim, d] of Object.entries(entry.dimensions)) {
      body.append(el("tr", {}, el("th", { scope: "row" }, actorName(actor)), el("td", {}, dimensionName(dim)), el("td", {}, formatNumber(d.natural)), el("td", {}, d.unit ?? ""), el("td", {}, formatNumber(d.weighted))));
    }
    const loss = analysis.unnecessary_loss?.[actor];
    body.append(
      el("tr", { class: "total", "data-actor": actor, "data-total": String(entry.total) }, el("th", { scope: "row" }, actorName(actor)), el("td", {}, words.total), el("td", {}, ""), el("td", {}, ""), el("td", {}, traceable ? traceButton(actor, formatNumber(entry.total)) : formatNumber(entry.total), loss !== undefined && loss !== entry.total ? ` (${words.unnecessary} ${formatNumber(loss)})` : "")),
    );
  }
  table.append(body);
  return table;
}
