// The Monte Carlo view's distribution charts: a histogram of each actor's gain (the conditional
// ledger's 24 bins between the 1st and 99th percentiles, tails counted apart), a tornado of the
// ten parameters that move a gain most (named, with units, coloured by the direction of the
// effect), and whether any assumption flips a conclusion within its 5–95 % range (from the
// sensitivity's holds_from / holds_to). The data functions are pure and tested; the render
// functions draw them with Observable Plot.
import * as Plot from "@observablehq/plot";
import type { MonteCarloResult } from "../api";
import { el } from "../dom";
import { formatNumber } from "../format";

export type Namer = (id: string) => string;

export interface HistogramBin {
  x1: number;
  x2: number;
  count: number;
}
export interface ActorHistogram {
  actor: string;
  name: string;
  bins: HistogramBin[];
  /** Samples below the first bin and above the last (the tails). */
  outside: number;
  p_loss: number;
  samples: number;
}

/** One histogram per actor with figures, in the ledger's order; none without bins. */
export function actorHistograms(result: MonteCarloResult, name: Namer): ActorHistogram[] {
  const out: ActorHistogram[] = [];
  for (const [actor, d] of Object.entries(result.ledger)) {
    const h = d?.histogram;
    if (!d || !h || h.counts.length === 0) continue;
    const width = (h.high - h.low) / h.counts.length;
    const bins = h.counts.map((count, k) => ({ x1: h.low + k * width, x2: h.low + (k + 1) * width, count }));
    const samples = h.counts.reduce((a, b) => a + b, 0) + h.below + h.above;
    out.push({ actor, name: name(actor), bins, outside: h.below + h.above, p_loss: d.p_loss, samples });
  }
  return out;
}

export interface NamedTornadoRow {
  /** "Parameter name (unit) → Actor". */
  label: string;
  parameter: string;
  actor: string;
  /** The actor's gain with the parameter at its 5th and at its 95th percentile. */
  at_p5: number;
  at_p95: number;
  low: number;
  high: number;
  /** Whether raising the parameter from p5 to p95 raises or lowers the gain. */
  direction: "raises the gain" | "lowers the gain";
}

/** The `limit` widest swings of an actor's gain, widest first, each named with its unit. */
export function namedTornado(result: MonteCarloResult, actorName: Namer, parameterLabel: Namer, limit = 10): NamedTornadoRow[] {
  const rows: NamedTornadoRow[] = [];
  for (const s of result.sensitivity) {
    const m = /^ledger\.(.+)\.total$/.exec(s.figure);
    if (!m || typeof s.low !== "number" || typeof s.high !== "number") continue;
    if (!Number.isFinite(s.low) || !Number.isFinite(s.high)) continue;
    const actor = m[1];
    rows.push({
      label: `${parameterLabel(s.parameter)} → ${actorName(actor)}`,
      parameter: s.parameter,
      actor,
      at_p5: s.low,
      at_p95: s.high,
      low: Math.min(s.low, s.high),
      high: Math.max(s.low, s.high),
      direction: s.high >= s.low ? "raises the gain" : "lowers the gain",
    });
  }
  return rows.sort((a, b) => b.high - b.low - (a.high - a.low)).slice(0, limit);
}

export interface Flip {
  parameter: string;
  figure: string;
  /** Where the conclusion stops holding on that side, and the parameter's quantile there. */
  value: number;
  quantile: number;
  side: "below" | "above";
}

/**
 * The conclusions that flip inside the parameter's 5–95 % range: the interval on which each
 * holds (holds_from … holds_to around the median) ends strictly inside (p5, p95). `null` when
 * the answer carries no intervals (an older server), so nothing can be said.
 */
export function flipsWithinRange(result: MonteCarloResult, low = 0.05, high = 0.95): Flip[] | null {
  const rows = result.sensitivity;
  if (rows.length > 0 && !rows.some((s) => "holds_from_quantile" in s || "holds_to_quantile" in s)) return null;
  const out: Flip[] = [];
  for (const s of rows) {
    if (typeof s.holds_from === "number" && typeof s.holds_from_quantile === "number" && s.holds_from_quantile > low) {
      out.push({ parameter: s.parameter, figure: s.figure, value: s.holds_from, quantile: s.holds_from_quantile, side: "below" });
    }
    if (typeof s.holds_to === "number" && typeof s.holds_to_quantile === "number" && s.holds_to_quantile < high) {
      out.push({ parameter: s.parameter, figure: s.figure, value: s.holds_to, quantile: s.holds_to_quantile, side: "above" });
    }
  }
  return out;
}

export const NO_FLIP_SENTENCE = "No assumption flips the conclusion within its 5–95 % range.";

/** What a sensitivity figure says, in words. */
export function figureWords(figure: string, actorName: Namer): string {
  if (figure === "default_pareto_dominated") return "whether something improves on the default";
  if (figure === "alternative") return "which alternative is recommended";
  const m = /^ledger\.(.+)\.total$/.exec(figure);
  return m ? `whether ${actorName(m[1])} gains` : figure;
}

/** The flip sentence, or one line per flip: "Parameter (unit) below 4.27 (p14) changes …". */
export function flipLines(flips: Flip[], actorName: Namer, parameterLabel: Namer, unitOf: Namer): string[] {
  if (flips.length === 0) return [NO_FLIP_SENTENCE];
  return flips.map((f) => {
    const unit = unitOf(f.parameter);
    return `${parameterLabel(f.parameter)} ${f.side} ${formatNumber(f.value)}${unit ? ` ${unit}` : ""} (p${formatNumber(100 * f.quantile)}) changes ${figureWords(f.figure, actorName)}.`;
  });
}

function figure(plot: Element, id: string, caption: string): HTMLElement {
  return el("figure", { id, class: "plot" }, plot, el("figcaption", {}, caption));
}

/** The per-actor histograms, side by side. */
export function renderHistograms(result: MonteCarloResult, name: Namer): HTMLElement | null {
  const histograms = actorHistograms(result, name);
  if (histograms.length === 0) return null;
  const grid = el("div", { id: "mc-histograms", class: "mc-histograms" });
  for (const h of histograms) {
    const plot = Plot.plot({
      width: 300,
      height: 180,
      marginLeft: 44,
      x: { label: `gain of ${h.name}, a* over d →`, grid: false },
      y: { label: "↑ samples", grid: true },
      marks: [Plot.rectY(h.bins, { x1: "x1", x2: "x2", y: "count", fill: "#1f5fa8", insetLeft: 0.5, insetRight: 0.5 }), Plot.ruleX([0], { stroke: "#8f1d0b" }), Plot.ruleY([0])],
    });
    const f = figure(plot, `mc-histogram-${h.actor}`, `${h.name}: worse off in ${formatNumber(100 * h.p_loss)} % of ${h.samples} samples${h.outside > 0 ? `; ${h.outside} in the tails outside the bins` : ""}.`);
    f.dataset.actor = h.actor;
    grid.append(f);
  }
  return el("section", { class: "mc-distributions" }, el("h4", {}, "Each actor's gain over the samples"), grid);
}

/** The named top-10 tornado, coloured by direction. */
export function renderNamedTornado(result: MonteCarloResult, actorName: Namer, parameterLabel: Namer, width: number): HTMLElement | null {
  const rows = namedTornado(result, actorName, parameterLabel);
  if (rows.length === 0) return null;
  return figure(
    Plot.plot({
      width,
      marginLeft: Math.min(320, Math.max(160, 7 * Math.max(...rows.map((r) => r.label.length)))),
      height: 50 + 26 * rows.length,
      x: { label: "the actor's gain with the parameter at its 5th and 95th percentile →", grid: true },
      y: { label: null, domain: rows.map((r) => r.label) },
      color: { domain: ["raises the gain", "lowers the gain"], range: ["#1f5fa8", "#b35806"], legend: true },
      marks: [
        Plot.barX(rows, { x1: "low", x2: "high", y: "label", fill: "direction", title: (r: NamedTornadoRow) => `${r.label}: ${formatNumber(r.at_p5)} at p5, ${formatNumber(r.at_p95)} at p95` }),
        Plot.ruleX([0], { stroke: "#111" }),
      ],
    }),
    "mc-tornado",
    `Tornado: the ${rows.length} parameters that move a gain most, others at their medians. Blue: raising the parameter raises the gain; orange: it lowers it.`,
  );
}

/** The flip sentence or the list of flips, as a paragraph or a list. */
export function renderFlips(result: MonteCarloResult, actorName: Namer, parameterLabel: Namer, unitOf: Namer): HTMLElement | null {
  const flips = flipsWithinRange(result);
  if (flips === null) return null;
  const lines = flipLines(flips, actorName, parameterLabel, unitOf);
  if (flips.length === 0) return el("p", { id: "mc-flips", class: "verdict" }, lines[0]);
  return el("div", { id: "mc-flips" }, el("p", {}, "Within its 5–95 % range, an assumption flips a conclusion:"), el("ul", {}, ...lines.map((l) => el("li", {}, l))));
}

