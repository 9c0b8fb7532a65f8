// The self-contained report (`mend report`): draws the charts of every case from the analysis
// data that mend embeds in the page, with the workbench's own chart code (tableau, ledger) and
// the same libraries (Observable Plot, Cytoscape). Nothing is fetched: the bundle is inlined.
import * as Plot from "@observablehq/plot";
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import type { AnalyzeResult, StabilityResult, StatesResult } from "../api";
import { el } from "../dom";
import { formatNumber } from "../format";
import { evolution } from "../model";
import { renderLedger } from "../views/ledger";
import { renderTableau } from "../views/tableau";
import { VIEW_WORDS, type ViewWords } from "../views/words";

cytoscape.use(dagre);

interface ReportBrief {
  actor: string;
  name: string;
  lang: string;
  html: string;
}
interface SensitivityRow {
  parameter: string;
  figure: string;
  low: number;
  high: number;
  switching_value?: number | null;
}
interface Histogram {
  low: number;
  high: number;
  counts: number[];
  below: number;
  above: number;
}
interface MonteCarlo {
  samples?: number;
  seed?: number;
  ledger?: Record<string, { mean: number; median: number; p5: number; p95: number; p_loss: number; histogram?: Histogram } | null>;
  sensitivity?: SensitivityRow[];
}
interface ReportCase {
  id: string;
  title: string;
  option_names: Record<string, string>;
  option_owners: Record<string, string>;
  actor_names: Record<string, string>;
  states: StatesResult;
  analysis: AnalyzeResult & StabilityResult;
  montecarlo: MonteCarlo | null;
  /** The ledger's note in the report's language (null: the analysis's own, English). */
  ledger_note?: string | null;
  briefs: ReportBrief[];
}
interface ReportData {
  title: string;
  version: string;
  /** The report's language (`mend report --lang`); English when absent. */
  lang?: string;
  cases: ReportCase[];
}

/** The annex's own words in the report's language. */
const ANNEX_WORDS = {
  en: {
    ranges: (samples: string, seed: string) => `Ledger totals over ${samples} samples (seed ${seed}): 5th–95th percentile and median`,
    rangesAxis: "gain of the alternative over the default (utility) →",
    median: "median",
    histograms: "Monte Carlo histograms of each actor's ledger total (1st–99th percentile; tails counted apart)",
    gainAxis: (who: string) => `${who} gain →`,
    samples: "samples",
    pLoss: "P(loss)",
    outside: (n: number) => `${n} samples outside the bins`,
    tornado: "Tornado: each parameter from its 5th to its 95th percentile",
    figureAxis: "figure →",
    states: "States, stability and equilibria",
    path: "From the status quo to the default",
    briefs: "Briefs",
  },
  ru: {
    ranges: (samples: string, seed: string) => `Итоги баланса по ${samples} выборкам (зерно ${seed}): от 5-го до 95-го процентиля и медиана`,
    rangesAxis: "выигрыш лучшего исхода против исхода по умолчанию (полезность) →",
    median: "медиана",
    histograms: "Гистограммы Монте-Карло итога баланса каждой стороны (от 1-го до 99-го процентиля; хвосты считаются отдельно)",
    gainAxis: (who: string) => `выигрыш: ${who} →`,
    samples: "выборки",
    pLoss: "P(потери)",
    outside: (n: number) => `выборок вне интервалов: ${n}`,
    tornado: "Диаграмма «торнадо»: каждый параметр от 5-го до 95-го процентиля",
    figureAxis: "показатель →",
    states: "Состояния, устойчивость и равновесия",
    path: "От статус-кво к исходу по умолчанию",
    briefs: "Аналитические записки",
  },
};
type AnnexWords = (typeof ANNEX_WORDS)["en"];
let words: AnnexWords = ANNEX_WORDS.en;
/** The tableau's and ledger's words (shared with the workbench) in the report's language. */
let viewWords: ViewWords = VIEW_WORDS.en;

const GRAPH_STYLE: cytoscape.StylesheetJson = [
  { selector: "node", style: { label: "data(label)", "text-valign": "center", "text-halign": "center", "font-family": "ui-monospace, monospace", "font-size": 13, "background-color": "#f2f2f2", "border-width": 2, "border-color": "#555", shape: "round-rectangle", width: "label", height: 28, padding: "8px" } },
  { selector: "node.equilibrium", style: { "border-width": 4, "border-color": "#1a5e20" } },
  { selector: "node.status-quo", style: { "background-color": "#dbe8ff", "border-color": "#0b3d91" } },
  { selector: "node.default", style: { "background-color": "#ffd9d2", "border-color": "#8f1d0b", "border-width": 4 } },
  { selector: "edge", style: { label: "data(label)", "curve-style": "bezier", "target-arrow-shape": "triangle", "line-color": "#444", "target-arrow-color": "#444", width: 2, "font-size": 12, "text-background-color": "#fff", "text-background-opacity": 1 } },
];

function drawGraph(container: HTMLElement, c: ReportCase): void {
  const owners = c.states.options.map((o) => c.option_owners[o] ?? "?");
  const { nodes, edges } = evolution(c.analysis, owners);
  const cy = cytoscape({
    container,
    style: GRAPH_STYLE,
    elements: [
      ...nodes.map((n) => ({ data: { id: n.id, label: n.label }, classes: n.classes })),
      ...edges.map((e) => ({ data: { id: e.id, source: e.source, target: e.target, label: e.label } })),
    ],
    userZoomingEnabled: false,
    autoungrabify: true,
  });
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: 30, rankSep: 70, fit: true, padding: 20 } as cytoscape.LayoutOptions).run();
  container.dataset.nodes = String(nodes.length);
}

function drawMonteCarlo(container: HTMLElement, mc: MonteCarlo, names: Record<string, string>): void {
  const width = Math.max(320, Math.min(container.clientWidth || 800, 900) - 16);
  const ranges = Object.entries(mc.ledger ?? {}).flatMap(([actor, d]) => (d ? [{ actor, ...d }] : []));
  if (ranges.length > 0) {
    container.append(el("h3", {}, words.ranges(String(mc.samples ?? "?"), String(mc.seed ?? "?"))));
    const plot = Plot.plot({
      width,
      marginLeft: 120,
      x: { label: words.rangesAxis, grid: true },
      y: { label: null },
      marks: [
        Plot.ruleY(ranges, { y: "actor", x1: "p5", x2: "p95", stroke: "#1f5fa8", strokeWidth: 6 }),
        Plot.dot(ranges, { y: "actor", x: "median", fill: "#111", r: 4, title: (d: (typeof ranges)[number]) => `${names[d.actor] ?? d.actor}: ${words.median} ${formatNumber(d.median)}, ${words.pLoss} ${formatNumber(d.p_loss)}` }),
        Plot.ruleX([0]),
      ],
    });
    container.append(figure(plot, "mc-ranges"));
  }
  const histograms = ranges.filter((r) => r.histogram && r.histogram.counts.length > 0);
  if (histograms.length > 0) {
    container.append(el("h3", {}, words.histograms));
    const grid = el("div", { class: "histograms" });
    container.append(grid);
    for (const r of histograms) {
      const h = r.histogram as Histogram;
      const width = (h.high - h.low) / h.counts.length;
      const bins = h.counts.map((count, k) => ({ x1: h.low + k * width, x2: h.low + (k + 1) * width || h.low + 1e-9, count }));
      const tails = h.below + h.above;
      const plot = Plot.plot({
        width: 300,
        height: 170,
        marginLeft: 44,
        x: { label: words.gainAxis(names[r.actor] ?? r.actor), grid: false },
        y: { label: words.samples, grid: true },
        marks: [
          Plot.rectY(bins, { x1: "x1", x2: "x2", y: "count", fill: "#1f5fa8", insetLeft: 0.5, insetRight: 0.5 }),
          Plot.ruleX([0], { stroke: "#8f1d0b" }),
          Plot.ruleY([0]),
        ],
      });
      const f = figure(plot, "mc-histogram");
      f.dataset.actor = r.actor;
      f.append(el("figcaption", {}, `${names[r.actor] ?? r.actor}: ${words.pLoss} ${formatNumber(r.p_loss)}${tails > 0 ? `; ${words.outside(tails)}` : ""}`));
      grid.append(f);
    }
  }
  const tornado = (mc.sensitivity ?? []).filter((s) => Number.isFinite(s.low) && Number.isFinite(s.high));
  if (tornado.length > 0) {
    container.append(el("h3", {}, words.tornado));
    const rows = tornado.map((s) => ({ label: `${s.parameter} → ${s.figure}`, low: Math.min(s.low, s.high), high: Math.max(s.low, s.high) }));
    rows.sort((a, b) => b.high - b.low - (a.high - a.low));
    const plot = Plot.plot({
      width,
      marginLeft: 240,
      x: { label: words.figureAxis, grid: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      marks: [Plot.barX(rows, { y: "label", x1: "low", x2: "high", fill: "#5b6b7d" })],
    });
    container.append(figure(plot, "tornado"));
  }
}

function figure(plot: HTMLElement | SVGSVGElement, cls: string): HTMLElement {
  const f = el("figure", { class: `plot ${cls}` });
  f.append(plot);
  return f;
}

function renderCase(root: HTMLElement, c: ReportCase, index: number): void {
  const section = el("section", { class: "case", id: `case-${index}`, "data-case": c.id });
  section.append(el("h2", {}, c.title));
  root.append(section);

  section.append(el("h3", {}, words.states));
  const tableau = el("div", { class: "tableau-host" });
  section.append(tableau);
  const owners = c.states.options.map((o) => c.option_owners[o] ?? "?");
  renderTableau(tableau, c.states, c.analysis, owners, new Map(Object.entries(c.option_names)), new Map(), viewWords);

  section.append(el("h3", {}, words.path));
  const graph = el("div", { class: "graph" });
  section.append(graph);
  drawGraph(graph, c);

  const ledger = el("div", { class: "ledger-host" });
  section.append(ledger);
  const analysis = c.ledger_note ? { ...c.analysis, note: c.ledger_note } : c.analysis;
  renderLedger(ledger, c.states, analysis, analysis, { actor: (id) => c.actor_names[id] ?? id }, viewWords);
  if (c.montecarlo) {
    const mc = el("div", { class: "montecarlo" });
    section.append(mc);
    drawMonteCarlo(mc, c.montecarlo, c.actor_names);
  }

  section.append(el("h3", {}, words.briefs));
  for (const brief of c.briefs) {
    const details = el("details", { class: "brief-host", "data-actor": brief.actor, "data-lang": brief.lang });
    details.append(el("summary", {}, `${brief.name} (${brief.lang})`));
    const body = el("div", { class: "brief", lang: brief.lang });
    // The brief's HTML comes from cmark-gfm in safe mode, every case string escaped by mend.
    body.innerHTML = brief.html;
    details.append(body);
    section.append(details);
  }
}

function main(): void {
  const script = document.getElementById("mend-report-data");
  const root = document.getElementById("report");
  if (!script || !root) throw new Error("mend report: the page has no data");
  const data = JSON.parse(script.textContent ?? "{}") as ReportData;
  words = data.lang === "ru" ? ANNEX_WORDS.ru : ANNEX_WORDS.en;
  viewWords = data.lang === "ru" ? VIEW_WORDS.ru : VIEW_WORDS.en;
  data.cases.forEach((c, i) => renderCase(root, c, i));
  root.dataset.rendered = "true";
}

main();
