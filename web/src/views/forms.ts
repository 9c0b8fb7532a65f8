// Quick edits for what-if analysis: weights, loss aversion λ, uncertainty aversion ρ and option
// names. Each edit rewrites only the edited scalar of the YAML (see model.setScalar).
import { el } from "../dom";
import { isReferenceDependent, resetLossAversion, resetUncertaintyAversion, setLossAversion, setOptionName, setPerceivedWeight, setUncertaintyAversion, setWeight, type CaseOutline, type Valuation } from "../model";

export type Edit = (text: string) => string;

/** What the form is built from; when it changes the form is rebuilt, otherwise only refreshed. */
export function formSignature(o: CaseOutline | null): string {
  if (!o) return "";
  return JSON.stringify([
    o.id,
    o.dimensions.map((d) => d.id),
    Object.entries(o.valuation).map(([a, v]) => [a, Object.keys(v.weights)]),
    o.options.map((x) => `${x.owner}/${x.id}`),
    o.perceptions.map((p) => [p.holder, p.about, Object.keys(p.weights)]),
  ]);
}

function numberField(id: string, label: string, value: number | undefined, attrs: Record<string, string>, onValue: (v: number) => void): HTMLElement {
  const input = el("input", { id, type: "number", inputmode: "decimal", ...attrs });
  input.value = value === undefined ? "" : String(value);
  input.addEventListener("input", () => {
    const v = input.valueAsNumber;
    if (Number.isFinite(v)) onValue(v);
  });
  return el("div", { class: "field" }, el("label", { for: id }, label), input);
}

function sliderField(id: string, label: string, value: number, min: number, max: number, onValue: (v: number) => void): HTMLElement {
  const slider = el("input", { id, type: "range", min: String(min), max: String(max), step: "0.05" });
  slider.value = String(value);
  const output = el("output", { for: id, id: `${id}-value` }, String(value));
  slider.addEventListener("input", () => {
    output.textContent = slider.value;
    onValue(slider.valueAsNumber);
  });
  return el("div", { class: "field slider" }, el("label", { for: id }, label), slider, output);
}

/**
 * Setting λ or ρ makes an actor's utilities relative to the status quo (docs/case-format.md): say
 * so, and offer to remove both keys again.
 */
function referenceNote(actor: string, name: string, v: Valuation, apply: (edit: Edit) => void): HTMLElement {
  const reset = el("button", { type: "button", id: `reset-ref-${actor}` }, "Reset λ and ρ");
  reset.addEventListener("click", () => apply((t) => resetUncertaintyAversion(resetLossAversion(t, actor), actor)));
  const note = el("p", { class: "note reference-note", id: `ref-${actor}`, "data-name": name }, el("span", { class: "reference-text" }), " ", reset);
  showReference(note, v);
  return note;
}

function showReference(note: HTMLElement, v: Valuation): void {
  const relative = isReferenceDependent(v);
  const name = note.dataset.name ?? "";
  note.querySelector(".reference-text")!.textContent = relative
    ? `${name}'s utilities are now relative to the status quo (λ or ρ is set): the status quo is worth 0.`
    : `${name}'s utilities are absolute (no λ or ρ in the file).`;
  note.querySelector("button")!.hidden = !relative;
}

export function renderForms(container: HTMLElement, o: CaseOutline | null, apply: (edit: Edit) => void): void {
  if (!o) {
    container.replaceChildren(el("p", { class: "note" }, "Fix the YAML to edit values here."));
    return;
  }
  const parts: HTMLElement[] = [];
  // Dimension names with their units, as the weights read: utility per unit.
  const dimName = new Map(o.dimensions.map((d) => [d.id, d.unit ? `${d.name} (per ${d.unit})` : d.name]));
  const actorName = new Map(o.actors.map((a) => [a.id, a.name]));
  const valued = Object.entries(o.valuation);
  if (valued.length === 0) {
    parts.push(el("p", { class: "note" }, "This case ranks states directly (no valuation): edit its preferences in the YAML."));
  }
  for (const [actor, v] of valued) {
    const fs = el("fieldset", { class: "actor-form" }, el("legend", {}, actorName.get(actor) ?? actor));
    for (const dim of Object.keys(v.weights)) {
      fs.append(numberField(`w-${actor}-${dim}`, `Weight: ${dimName.get(dim) ?? dim}`, v.weights[dim], { step: "0.1" }, (x) => apply((t) => setWeight(t, actor, dim, x))));
    }
    fs.append(sliderField(`lambda-${actor}`, "Loss aversion λ", v.loss_aversion ?? 1, 1, 5, (x) => apply((t) => setLossAversion(t, actor, x))));
    fs.append(sliderField(`rho-${actor}`, "Uncertainty aversion ρ", v.uncertainty_aversion ?? 0, 0, 2, (x) => apply((t) => setUncertaintyAversion(t, actor, x))));
    fs.append(referenceNote(actor, actorName.get(actor) ?? actor, v, apply));
    parts.push(fs);
  }
  o.perceptions.forEach((p, i) => {
    const dims = Object.keys(p.weights);
    if (dims.length === 0) return;
    const fs = el("fieldset", { class: "perception-form" }, el("legend", {}, `What ${actorName.get(p.holder) ?? p.holder} believes ${actorName.get(p.about) ?? p.about} weighs`));
    for (const dim of dims) {
      const actual = o.valuation[p.about]?.weights[dim];
      const label = `Perceived weight: ${dimName.get(dim) ?? dim}` + (actual === undefined ? "" : ` (actual ${actual})`);
      fs.append(numberField(`p-${i}-${dim}`, label, p.weights[dim], { step: "0.1" }, (x) => apply((t) => setPerceivedWeight(t, i, dim, x))));
    }
    parts.push(fs);
  });
  if (o.options.length > 0) {
    const fs = el("fieldset", { class: "options-form" }, el("legend", {}, "Option names"));
    for (const opt of o.options) {
      const id = `opt-${opt.owner}-${opt.index}`;
      const input = el("input", { id, type: "text" });
      input.value = opt.name;
      input.addEventListener("change", () => {
        if (input.value.trim()) apply((t) => setOptionName(t, opt.owner, opt.index, input.value.trim()));
      });
      fs.append(el("div", { class: "field" }, el("label", { for: id }, `${actorName.get(opt.owner) ?? opt.owner} · ${opt.id}`), input));
    }
    parts.push(fs);
  }
  container.replaceChildren(...parts);
}

/** Refreshes the values shown from the text, leaving the field being edited alone. */
export function refreshForms(container: HTMLElement, o: CaseOutline): void {
  const set = (id: string, value: string) => {
    const input = container.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`);
    if (!input || input === document.activeElement) return;
    input.value = value;
    const out = container.querySelector(`#${CSS.escape(id)}-value`);
    if (out) out.textContent = value;
  };
  for (const [actor, v] of Object.entries(o.valuation)) {
    for (const [dim, w] of Object.entries(v.weights)) set(`w-${actor}-${dim}`, String(w));
    set(`lambda-${actor}`, String(v.loss_aversion ?? 1));
    set(`rho-${actor}`, String(v.uncertainty_aversion ?? 0));
    const note = container.querySelector<HTMLElement>(`#${CSS.escape(`ref-${actor}`)}`);
    if (note) showReference(note, v);
  }
  o.perceptions.forEach((p, i) => {
    for (const [dim, w] of Object.entries(p.weights)) set(`p-${i}-${dim}`, String(w));
  });
  for (const opt of o.options) set(`opt-${opt.owner}-${opt.index}`, opt.name);
}
