// New cases in the workbench: from a template (a small two-sided case to fill in) or as a copy
// of the open text under a new id ("save as new case"). The server creates a case when a saved
// source names an id it does not hold yet (POST /api/cases, docs/api.md); these functions make
// the source and check the id before that save. Edits go through the in-place YAML editing of
// model.ts, so a copy keeps the original's comments and layout.
import { setScalar } from "./model";

/** A case id as the case format defines it: lower-case letters, digits and `-`, at most 100. */
export const CASE_ID = /^[a-z0-9-]{1,100}$/;

/** Why `id` cannot name a new case ("" when it can). */
export function newIdProblem(id: string, existing: readonly string[]): string {
  if (id === "") return "Give the new case an id.";
  if (!CASE_ID.test(id)) return `“${id}” is not a case id: use lower-case letters, digits and -, at most 100 characters.`;
  if (existing.includes(id)) return `A case “${id}” already exists: choose another id.`;
  return "";
}

/** A free id from `base`: base-copy, base-copy-2, … (kept within 100 characters). */
export function suggestId(base: string, existing: readonly string[]): string {
  const stem = (base.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "") || "case").slice(0, 90);
  for (let n = 1; ; n++) {
    const id = n === 1 ? `${stem}-copy` : `${stem}-copy-${n}`;
    if (!existing.includes(id)) return id;
  }
}

/** The open text with its `id` (and, when given, `title`) replaced in place. */
export function copyAs(text: string, id: string, title?: string): string {
  let out = setScalar(text, ["id"], id);
  if (title !== undefined && title.trim() !== "") out = setScalar(out, ["title"], title.trim());
  return out;
}

export interface CaseTemplate {
  key: string;
  label: string;
  text: (id: string, title: string) => string;
}

/** The templates offered for a new case. Each loads as a valid case once id and title are set. */
export const TEMPLATES: readonly CaseTemplate[] = [
  {
    key: "two-sides",
    label: "Two sides, figures in money (fill in effects and weights)",
    text: (id, title) => `mend: 1
id: ${id}
title: ${JSON.stringify(title)}
summary: >
  What the conflict is about, in two or three sentences: who decides what, and what it costs
  each side today.

actors:
  - {id: a, name: Side A, role: decider}
  - {id: b, name: Side B, role: decider}

dimensions:
  - {id: money, name: Net gain, unit: USD bn/yr}

options:
  a:
    - {id: a_act, name: Cooperate}
  b:
    - {id: b_act, name: Cooperate}

status_quo: {a_act: N, b_act: N}
default: auto

# What each option changes, per actor and dimension (natural units of the dimension).
effects:
  - when: {a_act: Y}
    a: {money: -1}
    b: {money: 2}
  - when: {b_act: Y}
    a: {money: 2}
    b: {money: -1}

valuation:
  a: {weights: {money: 1}}
  b: {weights: {money: 1}}
`,
  },
  {
    key: "ranking",
    label: "Two sides ranking the outcomes (ordinal, no figures)",
    text: (id, title) => `mend: 1
id: ${id}
title: ${JSON.stringify(title)}
summary: >
  What the conflict is about, in two or three sentences.

actors:
  - {id: a, name: Side A, role: decider}
  - {id: b, name: Side B, role: decider}

options:
  a:
    - {id: a_act, name: Cooperate}
  b:
    - {id: b_act, name: Cooperate}

status_quo: {a_act: N, b_act: N}

# Each side's ranking of the states, best first (patterns in option order: a_act, b_act).
preferences:
  a:
    ranking: [NY, YY, NN, YN]
  b:
    ranking: [YN, YY, NN, NY]
`,
  },
];
