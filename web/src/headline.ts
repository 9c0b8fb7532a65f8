// The headline of a case in words: the default and the better outcome (who does what), who gains
// what in the case's units, how likely each is over the Monte Carlo samples, and what would
// change the conclusion. Pure: it only rewords the server's analyze and montecarlo JSON.
import type { AnalyzeResult, LedgerEntry, McLedger, MonteCarloResult } from "./api";
import { formatNumber } from "./format";
import type { CaseOutline } from "./model";

export interface Headline {
  defaultPattern: string | null;
  /** "East: Build the canal; West: none of its options". */
  defaultWords: string;
  alternativePattern: string | null;
  alternativeWords: string;
  /** The moves from the default to the alternative: "East: Build the canal (starts)". */
  changes: string[];
  /** Per actor, what the alternative brings against the default, in the case's units. */
  gains: { actor: string; name: string; text: string; total: number; range?: string }[];
  /** How often the default and the alternative are what they are over the samples. */
  likelihood: string[];
  /**
   * The unconditional range beside the likelihoods: what each actor gains whatever happens
   * (each sample's own alternative against its own default), with the comparison in words.
   */
  unconditional: { comparison: string; gains: { actor: string; name: string; text: string }[] } | null;
  /** What would change the conclusion, or what it would take when there is no alternative. */
  conditions: string[];
}

function actorName(o: CaseOutline | null, id: string): string {
  return o?.actors.find((a) => a.id === id)?.name ?? id;
}

/** Deciders first, then the other actors, each in file order. */
export function orderedActors(o: CaseOutline | null, ids: readonly string[]): string[] {
  const rank = new Map((o?.actors ?? []).map((a, i) => [a.id, (a.role === "decider" ? 0 : 1000) + i]));
  return [...ids].sort((a, b) => (rank.get(a) ?? 2000) - (rank.get(b) ?? 2000));
}

/** A state in words: per actor that owns options, the options it takes. */
export function patternInWords(pattern: string | null | undefined, optionIds: readonly string[], o: CaseOutline | null): string {
  if (!pattern) return "none (the moves cycle)";
  const byId = new Map((o?.options ?? []).map((x) => [x.id, x]));
  const owners: string[] = [];
  const taken = new Map<string, string[]>();
  optionIds.forEach((id, i) => {
    const owner = byId.get(id)?.owner ?? "?";
    if (!owners.includes(owner)) owners.push(owner);
    if (pattern[i] === "Y") taken.set(owner, [...(taken.get(owner) ?? []), byId.get(id)?.name ?? id]);
  });
  return orderedActors(o, owners)
    .map((owner) => `${actorName(o, owner)}: ${taken.get(owner)?.join(", ") ?? "none of its options"}`)
    .join("; ");
}

/** The options that differ between two states, as who starts or stops doing what. */
export function changesInWords(from: string, to: string, optionIds: readonly string[], o: CaseOutline | null): string[] {
  const byId = new Map((o?.options ?? []).map((x) => [x.id, x]));
  const out: string[] = [];
  optionIds.forEach((id, i) => {
    if (from[i] === to[i] || to[i] === undefined) return;
    const option = byId.get(id);
    const who = actorName(o, option?.owner ?? "?");
    out.push(`${who} ${to[i] === "Y" ? "takes" : "drops"} “${option?.name ?? id}”`);
  });
  return out;
}

function ledgerWords(entry: LedgerEntry, o: CaseOutline | null): string {
  const dims = Object.entries(entry.dimensions).filter(([, d]) => d.natural !== 0);
  if (dims.length === 0) return "no change on any dimension";
  return dims
    .map(([dim, d]) => {
      const name = o?.dimensions.find((x) => x.id === dim)?.name ?? dim;
      const unit = d.unit ?? o?.dimensions.find((x) => x.id === dim)?.unit ?? "";
      return `${d.natural > 0 ? "better off" : "worse off"} by ${formatNumber(Math.abs(d.natural))}${unit ? ` ${unit}` : ""} in ${name}`;
    })
    .join(", ");
}

/** What a sensitivity figure's switch means: "changes the recommended alternative". */
export function figureInWords(figure: string, o: CaseOutline | null): string {
  if (figure === "alternative") return "changes the recommended alternative";
  if (figure === "default") return "changes the default";
  if (figure === "default_pareto_dominated") return "decides whether anything improves on the default";
  const ledger = /^ledger\.([^.]+)\.total$/.exec(figure);
  if (ledger) return `turns ${actorName(o, ledger[1])}'s gain from the alternative to a loss or back`;
  return `switches ${figure}`;
}

/** "mean +0.8, 90 % range 0 to 2, a loss in 0 % of samples" */
export function rangeWords(d: McLedger): string {
  const mean = `${d.mean > 0 ? "+" : ""}${formatNumber(d.mean)}`;
  return `mean ${mean}, 90 % range ${formatNumber(d.p5)} to ${formatNumber(d.p95)}, a loss in ${percent(d.p_loss)} of samples`;
}

/** The unconditional ledger of a Monte Carlo run in words, deciders first; null when the server sends none. */
export function unconditionalWords(mc: MonteCarloResult, o: CaseOutline | null): Headline["unconditional"] {
  const ledger = mc.unconditional_ledger;
  if (!ledger) return null;
  const gains = orderedActors(o, Object.keys(ledger)).flatMap((actor) => {
    const d = ledger[actor];
    return d ? [{ actor, name: actorName(o, actor), text: rangeWords(d) }] : [];
  });
  if (!gains.length) return null;
  const comparison = mc.unconditional_ledger_comparison?.text ?? "each sample's own alternative against that sample's own default";
  return { comparison, gains };
}

const percent = (p: number) => `${(100 * p).toFixed(p > 0 && p < 0.01 ? 1 : 0)} %`;

export function headline(an: AnalyzeResult, optionIds: readonly string[], o: CaseOutline | null, mc: MonteCarloResult | null): Headline {
  const def = an.default.pattern;
  const alt = an.alternative?.pattern ?? null;
  const h: Headline = {
    defaultPattern: def,
    defaultWords: patternInWords(def, optionIds, o),
    alternativePattern: alt,
    alternativeWords: alt ? patternInWords(alt, optionIds, o) : "",
    changes: def && alt ? changesInWords(def, alt, optionIds, o) : [],
    gains: [],
    likelihood: [],
    unconditional: null,
    conditions: [],
  };
  for (const actor of orderedActors(o, Object.keys(an.ledger ?? {}))) {
    const entry = (an.ledger ?? {})[actor];
    const spread = mc?.ledger[actor];
    h.gains.push({
      actor,
      name: actorName(o, actor),
      text: ledgerWords(entry, o),
      total: entry.total,
      range: spread ? `90 % range ${formatNumber(spread.p5)} to ${formatNumber(spread.p95)}, a loss in ${percent(spread.p_loss)} of samples` : undefined,
    });
  }
  if (mc) {
    const state = (p: string | null) => mc.states.find((s) => s.pattern === p);
    // The server's own likelihood of the central pair when it sends one, else the state's row.
    const pDefault = typeof mc.p_central_default === "number" ? mc.p_central_default : state(def)?.p_default ?? 0;
    const pAlternative = typeof mc.p_central_alternative === "number" ? mc.p_central_alternative : state(alt)?.p_alternative ?? 0;
    if (def) h.likelihood.push(`${def} is the default in ${percent(pDefault)} of ${mc.samples} samples`);
    if (alt) h.likelihood.push(`${alt} is the recommended alternative in ${percent(pAlternative)}`);
    if (typeof mc.p_no_alternative === "number") h.likelihood.push(`nothing improves the default in ${percent(mc.p_no_alternative)}`);
    if (mc.p_cycle > 0) h.likelihood.push(`the moves cycle in ${percent(mc.p_cycle)}`);
    h.unconditional = unconditionalWords(mc, o);
    for (const s of mc.sensitivity.filter((x) => x.switching_value !== null).slice(0, 2)) {
      const unit = o?.parameterUnits[s.parameter] ?? "";
      h.conditions.push(`${s.parameter} at ${formatNumber(s.switching_value ?? 0)}${unit ? ` ${unit}` : ""} (its ${Math.round(100 * (s.switching_quantile ?? 0))}th percentile) ${figureInWords(s.figure, o)}`);
    }
  }
  if (!alt) {
    const best = an.largest_total_gain;
    if (best && best.pattern !== def) {
      const losers = orderedActors(o, Object.keys(best.gains)).filter((a) => best.gains[a] < 0);
      h.conditions.push(
        `No state makes every decider better off than the default. The largest total gain (${formatNumber(best.total)}) is at ${best.pattern} — ${patternInWords(best.pattern, optionIds, o)}` +
          (losers.length ? `; it would take compensating ${losers.map((a) => `${actorName(o, a)} (${formatNumber(best.gains[a])})`).join(", ")}.` : "."),
      );
    } else {
      h.conditions.push("No state makes every decider better off than the default, and none adds to the total: only a change in the game itself (new options, other valuations) would.");
    }
  }
  return h;
}
