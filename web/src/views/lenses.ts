// The lens views: perceptions side by side, viability (persuasion gaps), expectation dynamics,
// Monte Carlo (probabilities, ledger ranges, tornado), the portfolio with linkage, and briefs.
// Server data only ever reaches the page as text (el() sets textContent) or, for an HTML brief,
// inside a sandboxed frame without scripts.
import * as Plot from "@observablehq/plot";
import type { BriefResult, DynamicsResult, MonteCarloResult, PerceptionsResult, PortfolioResult, ViabilityResult } from "../api";
import { el } from "../dom";
import { formatNumber } from "../format";
import { renderFlips, renderHistograms, renderNamedTornado } from "./montecarlo-charts";

/** An actor's name for display; the id when no name is known. */
export type Namer = (id: string) => string;
const asIs: Namer = (id) => id;

function plotWidth(container: HTMLElement): number {
  return Math.max(320, Math.min(container.clientWidth || 640, 900) - 16);
}

function figure(plot: Element, id: string, caption: string): HTMLElement {
  return el("figure", { id, class: "plot" }, plot, el("figcaption", {}, caption));
}

function table(caption: string, head: string[], rows: (string | number)[][], id?: string): HTMLTableElement {
  const t = el("table", id ? { id, class: "data" } : { class: "data" }, el("caption", {}, caption));
  t.append(el("thead", {}, el("tr", {}, ...head.map((h) => el("th", { scope: "col" }, h)))));
  t.append(el("tbody", {}, ...rows.map((r) => el("tr", {}, ...r.map((c, i) => (i === 0 ? el("th", { scope: "row" }, String(c)) : el("td", {}, typeof c === "number" ? formatNumber(c) : c)))))));
  return t;
}

// ---- Perceptions --------------------------------------------------------------------

export interface WeightBar {
  gap: string;
  kind: "perceived" | "actual";
  weight: number;
}

/** One pair of bars per misread (holder, subject, dimension): perceived and actual weight. */
export function perceptionBars(result: PerceptionsResult, name: Namer = asIs): WeightBar[] {
  return result.gaps.flatMap((g) => {
    const gap = `${name(g.holder)} about ${name(g.about)}: ${g.dimension}`;
    return [
      { gap, kind: "perceived" as const, weight: g.perceived_weight },
      { gap, kind: "actual" as const, weight: g.actual_weight },
    ];
  });
}

export function renderPerceptions(container: HTMLElement, result: PerceptionsResult, name: Namer = asIs): void {
  const parts: HTMLElement[] = [el("h3", {}, `Perceptions — ${result.case}`)];
  parts.push(el("p", {}, `True default ${result.default ?? "none (the moves cycle)"}; true recommended alternative ${result.alternative ?? "none"} (concept ${result.concept}).`));
  if (result.gaps.length === 0) {
    parts.push(el("p", { class: "note" }, "The case has no perceptions block: every decider sees the true game."));
  } else {
    const bars = perceptionBars(result, name);
    parts.push(
      figure(
        Plot.plot({
          width: plotWidth(container),
          marginLeft: 200,
          marginRight: 80,
          x: { label: "weight →", grid: true },
          y: { label: null, axis: "right" },
          fy: { label: null, axis: "left" },
          color: { domain: ["perceived", "actual"], range: ["#b35806", "#1f5fa8"], legend: true },
          marks: [Plot.barX(bars, { x: "weight", y: "kind", fy: "gap", fill: "kind", title: (d: WeightBar) => `${d.gap}, ${d.kind}: ${formatNumber(d.weight)}` }), Plot.ruleX([0])],
        }),
        "perceptions-plot",
        "Perceived against actual weights, per holder, subject and dimension.",
      ),
    );
    parts.push(
      table(
        "Perceived versus actual: weights, and the subject's weighted change on the holder's proposal against the true default",
        ["holder", "about", "dimension", "perceived weight", "actual weight", "perceived ledger", "actual ledger"],
        result.gaps.map((g) => [name(g.holder), name(g.about), g.perceived_weight !== g.actual_weight ? `${g.dimension} (misread)` : g.dimension, g.perceived_weight, g.actual_weight, g.perceived_ledger, g.actual_ledger]),
        "perceptions-table",
      ),
    );
  }
  const proposals = Object.entries(result.proposals);
  parts.push(el("h4", {}, "Each holder's proposal and the reality check"));
  if (proposals.length === 0) parts.push(el("p", {}, "No holder has a proposal."));
  parts.push(
    el(
      "ul",
      { id: "perceptions-proposals" },
      ...proposals.map(([holder, p]) => {
        const cost = result.cost_of_misperception[holder] ?? 0;
        if (!p.pattern) return el("li", {}, `${name(holder)} sees nothing that improves the default: no proposal; cost of misperception ${formatNumber(cost)}.`);
        const losers = Object.entries(p.losers ?? {}).map(([a, v]) => `${name(a)} ${formatNumber(v)}`);
        return el(
          "li",
          {},
          `${name(holder)} proposes ${p.pattern}: `,
          el("strong", {}, p.truly_pareto_improving ? "truly Pareto-improving" : "not truly Pareto-improving (rejected)"),
          `, ${p.self_enforcing ? "self-enforcing" : "not self-enforcing"}; ${losers.length ? `would truly lose: ${losers.join(", ")}` : "nobody truly loses"}; cost of misperception ${formatNumber(cost)}.`,
        );
      }),
    ),
  );
  const concepts = Object.keys(result.true_equilibria);
  parts.push(
    table(
      "Hypergame equilibria against the true game's, per stability concept",
      ["concept", "hypergame", "true game"],
      concepts.map((c) => [c, (result.hypergame_equilibria[c] ?? []).join(", ") || "none", (result.true_equilibria[c] ?? []).join(", ") || "none"]),
    ),
  );
  parts.push(el("p", { class: "note" }, result.note));
  container.replaceChildren(...parts);
}

// ---- Viability ----------------------------------------------------------------------

/**
 * The persuasion gaps as bars; a zero gap is written "no gap" (a bar of width 0 on an empty axis
 * would otherwise be stretched over the whole width), and with no gap at all there is no chart.
 */
function viabilityChart(container: HTMLElement, bars: { decider: string; gap: number }[]): HTMLElement {
  const largest = Math.max(0, ...bars.map((b) => b.gap));
  if (largest <= 0) return el("p", { id: "viability-plot", class: "no-gap" }, "No gap: every decider already values the proposal at least as much as the status quo.");
  return figure(
    Plot.plot({
      width: plotWidth(container),
      marginLeft: 100,
      x: { label: "persuasion gap max(0, u(s0) − u(p)) →", grid: true, domain: [0, largest] },
      y: { label: null },
      marks: [
        Plot.barX(bars.filter((b) => b.gap > 0), { x: "gap", y: "decider", fill: "#a8321f", title: (d: { decider: string; gap: number }) => `${d.decider}: ${formatNumber(d.gap)}` }),
        Plot.text(bars.filter((b) => b.gap <= 0), { x: 0, y: "decider", text: () => "no gap", textAnchor: "start", dx: 4 }),
        Plot.ruleX([0]),
      ],
    }),
    "viability-plot",
    "The persuasion gap per decider: what the proposal must still be shown to be worth.",
  );
}

export function renderViability(container: HTMLElement, result: ViabilityResult, name: Namer = asIs): void {
  const rows = Object.entries(result.deciders);
  const bars = rows.map(([decider, d]) => ({ decider: name(decider), gap: d.gap }));
  container.replaceChildren(
    el("h3", {}, `Viability of ${result.proposal} against the status quo ${result.status_quo}`),
    el("p", { id: "viability-verdict" }, result.viable ? "Viable: no decider needs more persuading." : "Not viable: some decider still has a benefit to be shown."),
    viabilityChart(container, bars),
    table(
      "Per decider: utilities with status-quo attachment",
      ["decider", "gain at central values", "λ", "ρ", "u(status quo)", "u(proposal)", "persuasion gap", "gap without the uncertainty of"],
      rows.map(([decider, d]) => [
        name(decider),
        d.central_gain,
        d.loss_aversion,
        d.uncertainty_aversion,
        d.status_quo_utility,
        d.proposal_utility,
        d.gap,
        Object.entries(d.gap_without_uncertainty_in ?? {}).map(([k, v]) => `${k}: ${formatNumber(v)}`).join(", ") || "–",
      ]),
      "viability-table",
    ),
  );
}

// ---- Dynamics -----------------------------------------------------------------------

export interface DynamicsPoint {
  kappa: number;
  series: string;
  value: number;
}

/** The curves of the dynamics view: crisis frequency and time in crisis, then mean gains. */
export function dynamicsCurves(result: DynamicsResult, name: Namer = asIs): { crises: DynamicsPoint[]; gains: DynamicsPoint[] } {
  const crises: DynamicsPoint[] = [];
  const gains: DynamicsPoint[] = [];
  for (const k of result.by_kappa) {
    crises.push({ kappa: k.kappa, series: "crises per round", value: k.crisis_frequency });
    crises.push({ kappa: k.kappa, series: "share of time in crisis", value: k.time_in_crisis });
    for (const [actor, g] of Object.entries(k.mean_gain)) gains.push({ kappa: k.kappa, series: name(actor), value: g });
  }
  return { crises, gains };
}

export function renderDynamics(container: HTMLElement, result: DynamicsResult, name: Namer = asIs): void {
  const { crises, gains } = dynamicsCurves(result, name);
  const width = plotWidth(container);
  const lines = (data: DynamicsPoint[], label: string) =>
    Plot.plot({
      width,
      height: 260,
      x: { label: "initial over-expectation κ →", grid: true },
      y: { label, grid: true, zero: true },
      color: { legend: true },
      marks: [Plot.line(data, { x: "kappa", y: "value", stroke: "series", marker: "circle" }), Plot.ruleY([0])],
    });
  container.replaceChildren(
    el("h3", {}, `Expectation dynamics — ${result.case}`),
    el("p", {}, `Engagement ${result.alternative} instead of the default ${result.default}; ${result.runs} runs of ${result.rounds} rounds, seed ${result.seed}. Fewest crises at κ = ${formatNumber(result.best_kappa)}.`),
    figure(lines(crises, "↑ share"), "dynamics-crises", "Crises per round and the share of rounds in crisis, by initial over-expectation κ."),
    figure(lines(gains, "↑ mean realised gain per round"), "dynamics-gains", "Mean realised gain per round for each decider, by κ."),
    table(
      "Per κ",
      ["κ", "crises per round", "time in crisis", ...Object.keys(result.by_kappa[0]?.mean_gain ?? {}).map((a) => `mean gain ${name(a)}`)],
      result.by_kappa.map((k) => [formatNumber(k.kappa), k.crisis_frequency, `${(100 * k.time_in_crisis).toFixed(1)} %`, ...Object.values(k.mean_gain)]),
      "dynamics-table",
    ),
  );
}

// ---- Monte Carlo --------------------------------------------------------------------

/**
 * The unconditional ledger as table rows (actor, mean, median, p5, p95, P(loss)) under a caption
 * that says what it compares and how likely the central pair is; null when the server sends none.
 */
export function unconditionalRows(result: MonteCarloResult, name: Namer = asIs): { caption: string; rows: (string | number)[][] } | null {
  const ledger = result.unconditional_ledger;
  if (!ledger) return null;
  const rows = Object.entries(ledger)
    .filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null)
    .map(([actor, d]) => [name(actor), d.mean, d.median, d.p5, d.p95, `${(100 * d.p_loss).toFixed(1)} %`]);
  if (!rows.length) return null;
  const comparison = result.unconditional_ledger_comparison?.text ?? "each sample's own alternative against that sample's own default";
  const likely: string[] = [];
  if (typeof result.p_central_default === "number") likely.push(`the central default is the default in ${(100 * result.p_central_default).toFixed(1)} % of the samples`);
  if (typeof result.p_central_alternative === "number") likely.push(`the central alternative the recommended one in ${(100 * result.p_central_alternative).toFixed(1)} %`);
  if (typeof result.p_no_alternative === "number") likely.push(`no alternative in ${(100 * result.p_no_alternative).toFixed(1)} %`);
  return { caption: `Unconditional ledger, whatever happens: ${comparison}${likely.length ? ` (${likely.join("; ")})` : ""}`, rows };
}

export function renderMonteCarlo(container: HTMLElement, result: MonteCarloResult, name: Namer = asIs, unitOf: (parameter: string) => string = () => "", parameterLabel: Namer = asIs): void {
  const width = plotWidth(container);
  const states = result.states
    .filter((s) => s.p_alternative > 0 || s.p_default > 0)
    .sort((a, b) => b.p_alternative + b.p_default - (a.p_alternative + a.p_default))
    .slice(0, 12)
    .flatMap((s) => [
      { state: s.pattern, what: "default", p: s.p_default },
      { state: s.pattern, what: "recommended", p: s.p_alternative },
    ]);
  const ledger = Object.entries(result.ledger)
    .filter((e): e is [string, NonNullable<(typeof e)[1]>] => e[1] !== null)
    .map(([actor, d]) => ({ actor: name(actor), ...d }));
  const parts: HTMLElement[] = [
    el("h3", {}, `Monte Carlo — ${result.case}`),
    el("p", {}, `${result.samples} samples (${result.method}), seed ${result.seed}. Central default ${result.central.default ?? "none"}, central alternative ${result.central.alternative ?? "none"}.${result.p_cycle > 0 ? ` In ${(100 * result.p_cycle).toFixed(1)} % of the samples the moves cycle.` : ""}`),
    figure(
      Plot.plot({
        width,
        marginLeft: 90,
        marginRight: 100,
        x: { label: "share of samples →", domain: [0, 1], grid: true },
        y: { label: null, axis: "right" },
        fy: { label: null, axis: "left" },
        color: { domain: ["default", "recommended"], range: ["#a8321f", "#1f5fa8"], legend: true },
        marks: [Plot.barX(states, { x: "p", y: "what", fy: "state", fill: "what", title: (d: { state: string; what: string; p: number }) => `${d.state} ${d.what}: ${(100 * d.p).toFixed(1)} %` })],
      }),
      "mc-states",
      "How often each state is the default and the recommended alternative over the samples.",
    ),
  ];
  if (ledger.length) {
    parts.push(
      figure(
        Plot.plot({
          width,
          marginLeft: 100,
          x: { label: "u(a*) − u(d) over the samples: 5th–95th percentile, median (dot) →", grid: true },
          y: { label: null },
          marks: [Plot.ruleY(ledger, { x1: "p5", x2: "p95", y: "actor", strokeWidth: 6, stroke: "#9bb7d9" }), Plot.dot(ledger, { x: "median", y: "actor", fill: "#111" }), Plot.ruleX([0])],
        }),
        "mc-ledger",
        "Each actor's ledger of the central alternative against the central default, under uncertainty.",
      ),
    );
    const comparison = result.ledger_comparison?.text;
    parts.push(table(comparison ? `Ledger distribution: ${comparison}` : "Ledger distribution", ["actor", "mean", "median", "p5", "p95", "P(loss)"], ledger.map((d) => [d.actor, d.mean, d.median, d.p5, d.p95, `${(100 * d.p_loss).toFixed(1)} %`]), "mc-ledger-table"));
  }
  const unconditional = unconditionalRows(result, name);
  if (unconditional) parts.push(table(unconditional.caption, ["actor", "mean", "median", "p5", "p95", "P(loss)"], unconditional.rows, "mc-unconditional-table"));
  const histograms = renderHistograms(result, name);
  if (histograms) parts.push(histograms);
  const tornado = renderNamedTornado(result, name, parameterLabel, width);
  if (tornado) parts.push(tornado);
  const flips = renderFlips(result, name, parameterLabel, unitOf);
  if (flips) parts.push(flips);
  const switches = result.sensitivity.filter((s) => s.switching_value !== null);
  if (switches.length) {
    parts.push(
      table(
        "Switching values: where a conclusion flips",
        ["parameter", "figure", "switching value"],
        switches.map((s) => [parameterLabel(s.parameter), s.figure, `${formatNumber(s.switching_value ?? 0)}${unitOf(s.parameter) ? ` ${unitOf(s.parameter)}` : ""} (p${Math.round(100 * (s.switching_quantile ?? 0))})`]),
      ),
    );
  }
  container.replaceChildren(...parts);
}

// ---- Portfolio ----------------------------------------------------------------------

export function renderPortfolio(container: HTMLElement, result: PortfolioResult, runId: number, cached: boolean): void {
  const l = result.linkage;
  if (!l) {
    container.replaceChildren(el("p", {}, "No linkage block in the answer."));
    return;
  }
  const issues = Object.keys(l.defaults);
  const deciders = Object.keys(l.premium);
  const join = (ids: string[]) => ids.join(", ") || "none";
  // Deciders of one issue only: kept at least at their gain there alone (docs/analyses.md).
  const own = Object.entries(l.issue_only_deciders ?? {}).map(([c, byActor]) =>
    el("li", {}, `${c}: deciders of this issue only, kept at least at their gain alone: ${Object.entries(byActor).map(([a, g]) => `${a} ${formatNumber(g.standalone)} alone, ${formatNumber(g.linked)} linked`).join("; ")}.`),
  );
  const transfers = l.with_transfers;
  const transferOf = (c: string) => {
    const t = transfers?.issues[c];
    if (!t || !t.state) return "none";
    const from = Object.keys(t.from ?? {}).join(", ");
    const to = Object.keys(t.to ?? {}).join(", ");
    return `${t.state} (${formatNumber(t.amount ?? 0)} ${t.unit ?? ""} from ${from} to ${to})`;
  };
  const gains = transfers && l.refusal_cost
    ? table("Gains per decider: (a) issues alone, (b) with transfers inside issues, (c) linked deal", ["decider", "(a) issues alone", "(b) with transfers", "(c) linked deal", "refusing linkage costs"], deciders.map((d) => [d, l.standalone.gains[d] ?? 0, transfers.gains[d] ?? 0, l.linked.gains[d] ?? 0, l.refusal_cost?.[d] ?? 0]), "portfolio-gains")
    : table("Gains per decider", ["decider", "standalone gains", "linked gains", "linkage premium"], deciders.map((d) => [d, l.standalone.gains[d] ?? 0, l.linked.gains[d] ?? 0, l.premium[d] ?? 0]), "portfolio-gains");
  container.replaceChildren(
    el("h3", {}, `Portfolio ${result.portfolio} (run ${runId}${cached ? ", from the store" : ""})`),
    transfers
      ? table("Each issue: its default, its standalone alternative, a transfer inside it and the linked deal", ["issue", "default", "standalone a*", "with a transfer", "linked deal"], issues.map((c) => [c, l.defaults[c] ?? "none", l.standalone.states[c] ?? "none", transferOf(c), l.linked.states[c] ?? "none"]), "portfolio-issues")
      : table("Each issue: its default, its standalone alternative and the linked deal", ["issue", "default", "standalone a*", "linked deal"], issues.map((c) => [c, l.defaults[c] ?? "none", l.standalone.states[c] ?? "none", l.linked.states[c] ?? "none"]), "portfolio-issues"),
    gains,
    el(
      "ul",
      { id: "portfolio-verdict" },
      ...own,
      el("li", {}, `Positive-sum on their own: ${join(l.positive_sum_alone)}.`),
      el("li", {}, `Positive-sum only with linkage: ${join(l.needs_linkage)}.`),
      el("li", {}, l.linked_beats_standalone ? "A cross-issue deal beats the issues taken one by one." : "No cross-issue deal beats the issues taken one by one."),
      ...(l.verdict ? [el("li", {}, l.verdict)] : []),
      el("li", {}, l.available ? "Every decider accepts linkage: the linked deal is available." : `Linkage is refused by ${join(l.refused_by)}: the linked deal is unavailable.`),
    ),
  );
}

// ---- Briefs -------------------------------------------------------------------------

/**
 * Shows a brief. Markdown is shown as text. HTML (escaped by the server) goes into an iframe
 * with an empty sandbox: no scripts, no forms, no same-origin access; the page's CSP still applies.
 */
export function renderBrief(container: HTMLElement, brief: BriefResult): void {
  const heading = el("h3", {}, `Brief for ${brief.actor} (${brief.lang === "ru" ? "Russian" : "English"}, ${brief.format})`);
  if (brief.format === "html") {
    const frame = el("iframe", { id: "brief-frame", title: `Brief for ${brief.actor}`, sandbox: "", referrerpolicy: "no-referrer", class: "brief-frame" });
    frame.srcdoc = brief.text;
    container.replaceChildren(heading, frame);
  } else {
    container.replaceChildren(heading, el("pre", { id: "brief-text", class: "brief-text", lang: brief.lang, tabindex: "0" }, brief.text));
  }
}
