// Click-to-trace: a gain in the headline or a total of the ledger is the actor's utility at the
// alternative less its utility at the default. Clicking it asks the server for both utilities'
// traces (POST /api/explain, the engine's `mend explain` text: effects, parameters with units,
// sources with addresses) and shows them in a dialog. Nothing of the trace is computed here.
import { ApiError, type AnalyzeResult, type Client, type Explanation } from "./api";
import { el } from "./dom";
import { formatNumber } from "./format";

/** The states whose utilities make an actor's gain: the alternative first, then the default. */
export function traceStates(an: AnalyzeResult): { label: string; pattern: string }[] {
  const states: { label: string; pattern: string }[] = [];
  if (an.alternative?.pattern) states.push({ label: "the alternative", pattern: an.alternative.pattern });
  if (an.default.pattern && an.default.pattern !== an.alternative?.pattern) states.push({ label: "the default", pattern: an.default.pattern });
  return states;
}

/** A button that opens the trace of `actor`'s gain; `label` is the figure it shows. */
export function traceButton(actor: string, label: string): HTMLButtonElement {
  return el("button", { type: "button", class: "trace-link", "data-trace-actor": actor, title: "Where this figure comes from (effects, parameters, sources)" }, label);
}

export interface TraceHost {
  client: Client;
  /** The editor's text, the analysis it answered and the sanction rule it used; null when none. */
  current(): { source: string; an: AnalyzeResult; sanctions: string; actorName: (id: string) => string } | null;
}

/** One state's trace: its heading, the engine's text, and the cited sources as links. */
function explanationBlock(label: string, e: Explanation): HTMLElement {
  const block = el("section", { class: "trace-state", "data-state": e.state });
  block.append(el("h3", {}, `At ${label} ${e.state}: utility ${formatNumber(e.utility)}`));
  block.append(el("pre", { class: "trace-text" }, e.text));
  const linked = e.sources.filter((s) => s.url);
  if (linked.length) {
    block.append(
      el(
        "ul",
        { class: "trace-sources" },
        ...linked.map((s) => el("li", {}, el("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.id), ` — ${s.cite}`)),
      ),
    );
  }
  return block;
}

/** Opens the dialog on clicks of any trace button inside `root`. */
export function wireTrace(root: HTMLElement, dialog: HTMLDialogElement, body: HTMLElement, host: TraceHost): void {
  let controller: AbortController | null = null;
  dialog.addEventListener("close", () => controller?.abort());
  root.addEventListener("click", (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>("button[data-trace-actor]");
    if (!button) return;
    const now = host.current();
    if (!now) return;
    const actor = button.dataset.traceActor ?? "";
    const states = traceStates(now.an);
    controller?.abort();
    const mine = (controller = new AbortController());
    const name = now.actorName(actor);
    const gain = now.an.ledger?.[actor]?.total;
    body.replaceChildren(
      el("h2", { id: "trace-heading" }, `Where ${name}’s figure comes from`),
      el(
        "p",
        {},
        states.length === 2
          ? `${name}’s gain${gain === undefined ? "" : ` of ${formatNumber(gain)}`} is its utility at the alternative ${states[0].pattern} less its utility at the default ${states[1].pattern}. Each utility as mend explain traces it:`
          : `${name}’s utility, as mend explain traces it:`,
      ),
      el("p", { class: "note", id: "trace-status", role: "status" }, "Tracing…"),
    );
    dialog.dataset.actor = actor;
    dialog.setAttribute("aria-busy", "true");
    if (!dialog.open) dialog.showModal();
    Promise.all(states.map((s) => host.client.explain(now.source, s.pattern, actor, now.sanctions, mine.signal)))
      .then((answers) => {
        if (mine.signal.aborted) return;
        body.querySelector("#trace-status")?.remove();
        answers.forEach((answer, i) => body.append(explanationBlock(states[i].label, answer)));
        dialog.setAttribute("aria-busy", "false");
      })
      .catch((e: unknown) => {
        if (mine.signal.aborted) return;
        const status = body.querySelector("#trace-status");
        if (status) status.textContent = `No trace: ${e instanceof ApiError ? e.detail.text : String(e)}`;
        dialog.setAttribute("aria-busy", "false");
      });
  });
}
