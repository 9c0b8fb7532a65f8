// The headline card: the default and the better outcome in words, who gains what, how likely
// each is and what each actor gains whatever happens, and what would change the conclusion; the case's own summary beside it.
import type { AnalyzeResult, MonteCarloResult } from "../api";
import { el } from "../dom";
import { formatNumber } from "../format";
import { headline } from "../headline";
import type { CaseOutline } from "../model";
import { traceButton } from "../trace";

export interface HeadlineInput {
  an: AnalyzeResult;
  optionIds: readonly string[];
  outline: CaseOutline | null;
  /** Which case and version the analysis describes. */
  context: string;
  mc: MonteCarloResult | null;
  mcNote: string;
}

export function clearHeadline(container: HTMLElement): void {
  container.replaceChildren();
  container.hidden = true;
}

export function renderHeadline(container: HTMLElement, input: HeadlineInput): void {
  const h = headline(input.an, input.optionIds, input.outline, input.mc);
  const card = el("div", { class: "headline-card", id: "headline-card" });
  card.append(el("p", { class: "view-context" }, `Shows: ${input.context}`));
  card.append(
    el("p", { id: "headline-default", "data-pattern": h.defaultPattern ?? "" }, el("strong", {}, "Where this is heading (the default): "), `${h.defaultPattern ?? "none"} — ${h.defaultWords}.`),
  );
  if (h.alternativePattern) {
    card.append(
      el("p", { id: "headline-alternative", "data-pattern": h.alternativePattern }, el("strong", {}, "A better outcome for every decider: "), `${h.alternativePattern} — ${h.alternativeWords}.`),
    );
    if (h.changes.length) card.append(el("p", { class: "headline-moves" }, `What it takes from the default: ${h.changes.join("; ")}.`));
    if (h.gains.length) {
      card.append(
        el(
          "ul",
          { class: "headline-gains", id: "headline-gains" },
          ...h.gains.map((g) =>
            el("li", { "data-actor": g.actor }, el("strong", {}, g.name), ": ", traceButton(g.actor, g.text), ` (utility ${formatNumber(g.total)}${g.range ? `; ${g.range}` : ""}).`),
          ),
        ),
      );
    }
  } else {
    card.append(el("p", { id: "headline-alternative", "data-pattern": "" }, el("strong", {}, "No better outcome for every decider. ")));
  }
  if (h.likelihood.length) card.append(el("p", { id: "headline-likelihood" }, `How likely: ${h.likelihood.join("; ")}.`));
  if (h.unconditional) {
    card.append(
      el(
        "p",
        { id: "headline-unconditional" },
        el("strong", {}, "Whatever happens: "),
        `${h.unconditional.gains.map((g) => `${g.name} ${g.text}`).join("; ")} (${h.unconditional.comparison}).`,
      ),
    );
  }
  if (h.conditions.length) card.append(el("p", { id: "headline-conditions" }, h.alternativePattern ? `What would change the conclusion: ${h.conditions.join("; ")}.` : h.conditions.join(" ")));
  card.append(el("p", { class: "note" }, input.mcNote));
  const parts: HTMLElement[] = [card];
  if (input.outline?.summary) parts.push(el("aside", { class: "headline-summary", "aria-label": "The case's own summary" }, el("h3", {}, "The case in its own words"), el("p", {}, input.outline.summary)));
  container.replaceChildren(...parts);
  container.hidden = false;
}
