// The tableau: states as columns, options and stability per decider and concept as rows.
import type { StabilityResult, StatesResult } from "../api";
import { el } from "../dom";
import { describePattern, formatNumber } from "../format";
import { tableau } from "../model";
import { VIEW_WORDS, type ViewWords } from "./words";

const CONCEPT_NAMES: Record<string, string> = { nash: "Nash", gmr: "GMR", smr: "SMR", seq: "SEQ" };

export function renderTableau(
  container: HTMLElement,
  states: StatesResult,
  stability: StabilityResult,
  owners: readonly string[],
  optionNames: ReadonlyMap<string, string>,
  actorNames: ReadonlyMap<string, string> = new Map(),
  words: ViewWords = VIEW_WORDS.en,
): void {
  const actor = (id: string | undefined) => (id === undefined ? "" : actorNames.get(id) ?? id);
  const t = tableau(states, stability, owners, 64, [...actorNames.keys()]);
  const table = el("table", { class: "tableau", id: "tableau" });
  table.append(
    el(
      "caption",
      {},
      words.feasibleStates(states.states.length) + (t.hidden > 0 ? `; ${words.shownColumns(t.columns.length)}` : ""),
    ),
  );
  const head = el("thead");
  const numberRow = el("tr", {}, el("th", { scope: "col" }, words.state), el("th", { scope: "col", class: "owner" }, words.owner));
  for (const c of t.columns) {
    const marks = [c.statusQuo ? words.statusQuo : "", c.isDefault ? words.default : ""].filter(Boolean).join(", ");
    const th = el("th", { scope: "col", class: ["state", c.statusQuo ? "sq" : "", c.isDefault ? "default" : "", c.onPath ? "on-path" : ""].join(" ").trim(), "data-pattern": c.pattern, title: `${c.pattern}: ${describePattern(c.pattern, states.options)}` }, String(c.number));
    if (marks) th.append(el("span", { class: "visually-hidden" }, ` (${marks})`));
    numberRow.append(th);
  }
  head.append(numberRow);
  table.append(head);

  let body = el("tbody");
  let lastGroup = "";
  const startGroup = (label: string) => {
    if (body.childElementCount > 0) table.append(body);
    body = el("tbody");
    body.append(el("tr", { class: "group" }, el("th", { scope: "rowgroup", colspan: String(t.columns.length + 2) }, label)));
  };
  for (const row of t.rows) {
    const group = row.kind === "option" ? words.options : row.kind === "utility" ? words.utility : words.stability(CONCEPT_NAMES[row.concept ?? ""] ?? row.concept ?? "");
    if (group !== lastGroup) {
      startGroup(group);
      lastGroup = group;
    }
    const label = row.kind === "option" ? optionNames.get(row.label) ?? row.label : row.kind === "equilibrium" ? words.equilibrium : actor(row.label);
    const tr = el("tr", { class: `row-${row.kind}` }, el("th", { scope: "row", title: row.label }, label), el("td", { class: "owner" }, row.kind === "option" ? actor(row.owner) : ""));
    row.cells.forEach((cell, i) => {
      let text = cell;
      if (row.kind === "utility" && cell !== "") text = formatNumber(Number(cell));
      const cls = row.kind === "equilibrium" && cell === "E" ? "eq" : row.kind === "stability" && cell === "s" ? "stable" : t.columns[i].isDefault ? "default" : "";
      tr.append(el("td", cls ? { class: cls } : {}, text));
    });
    body.append(tr);
  }
  table.append(body);
  const legend = el(
    "p",
    { class: "legend", id: "tableau-legend" },
    words.tableauLegend[0],
    el("span", { class: "key key-sq" }),
    words.tableauLegend[1],
    el("span", { class: "key key-default" }),
    words.tableauLegend[2],
  );
  container.replaceChildren(el("div", { class: "table-scroll" }, table), legend);
}
