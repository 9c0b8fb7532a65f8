// The tableau: states as columns, options and stability per decider and concept as rows.
import type { StabilityResult, StatesResult } from "../api";
import { el } from "../dom";
import { describePattern, formatNumber } from "../format";
import { tableau } from "../model";

const CONCEPT_NAMES: Record<string, string> = { nash: "Nash", gmr: "GMR", smr: "SMR", seq: "SEQ" };

export function renderTableau(
  container: HTMLElement,
  states: StatesResult,
  stability: StabilityResult,
  owners: readonly string[],
  optionNames: ReadonlyMap<string, string>,
  actorNames: ReadonlyMap<string, string> = new Map(),
): void {
  const actor = (id: string | undefined) => (id === undefined ? "" : actorNames.get(id) ?? id);
  const t = tableau(states, stability, owners, 64, [...actorNames.keys()]);
  const table = el("table", { class: "tableau", id: "tableau" });
  table.append(
    el(
      "caption",
      {},
      `${states.states.length} feasible states` +
        (t.hidden > 0 ? `; ${t.columns.length} shown (equilibria, the status quo and the path to the default)` : ""),
    ),
  );
  const head = el("thead");
  const numberRow = el("tr", {}, el("th", { scope: "col" }, "State"), el("th", { scope: "col", class: "owner" }, "Owner"));
  for (const c of t.columns) {
    const marks = [c.statusQuo ? "status quo" : "", c.isDefault ? "default" : ""].filter(Boolean).join(", ");
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
    const group = row.kind === "option" ? "Options" : row.kind === "utility" ? "Utility" : `${CONCEPT_NAMES[row.concept ?? ""] ?? row.concept} stability`;
    if (group !== lastGroup) {
      startGroup(group);
      lastGroup = group;
    }
    const label = row.kind === "option" ? optionNames.get(row.label) ?? row.label : row.kind === "equilibrium" ? "equilibrium" : actor(row.label);
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
    "Columns are states (Y = the option is taken, N = not). ",
    el("span", { class: "key key-sq" }),
    " status quo ",
    el("span", { class: "key key-default" }),
    " default (where the moves lead). In a stability row, s = stable for that decider; E = an equilibrium under that concept (stable for every decider). Utility rows: each actor's utility of the state.",
  );
  container.replaceChildren(el("div", { class: "table-scroll" }, table), legend);
}
