// The runs panel of the editor: the stored runs of the open case, newest first, each with its
// id, a button that copies a citation and one that removes it; and a button that stores an analysis of the open
// version as a run (computed once, then answered from the store).
import type { Client } from "../api";
import { el } from "../dom";
import { runCitation, runLine, type RunSummary } from "../runs";

export const STORABLE = ["analyze", "montecarlo", "stability", "bridge"] as const;

function copyButton(run: RunSummary, status: HTMLElement): HTMLButtonElement {
  const button = el("button", { type: "button", class: "run-copy", "data-run": String(run.id), "aria-label": `Copy a citation of run ${run.id}` }, "Copy");
  button.addEventListener("click", () => {
    const text = runCitation(run);
    const done = () => (status.textContent = `Copied: ${text}`);
    // The clipboard needs a secure context; otherwise the citation is shown to copy by hand.
    if (navigator.clipboard?.writeText) void navigator.clipboard.writeText(text).then(done, () => (status.textContent = text));
    else status.textContent = text;
  });
  return button;
}

// Removing frees the run's bytes for new runs; a citation of it then reads "removed", so ask first.
function removeButton(client: Client, caseId: string, run: RunSummary, list: HTMLElement, status: HTMLElement): HTMLButtonElement {
  const button = el("button", { type: "button", class: "run-remove", "data-run": String(run.id), "aria-label": `Remove run ${run.id}` }, "Remove");
  button.addEventListener("click", () => {
    if (!window.confirm(`Remove run ${run.id}? Its result is deleted; a citation of it will say it was removed.`)) return;
    client
      .removeRun(run.id)
      .then(async () => {
        await renderRuns(client, caseId, list, status);
        status.textContent = `Removed run ${run.id}.`;
      })
      .catch((e: unknown) => {
        status.textContent = `Run ${run.id} not removed: ${e instanceof Error ? e.message : String(e)}`;
      });
  });
  return button;
}

/** Lists the runs of `caseId` into `list`; `status` receives messages. */
export async function renderRuns(client: Client, caseId: string, list: HTMLElement, status: HTMLElement): Promise<RunSummary[]> {
  const runs = await client.runs(caseId);
  list.replaceChildren(
    ...runs.map((run) =>
      el("li", { "data-run": String(run.id) }, el("code", { class: "run-id" }, `#${run.id}`), ` ${runLine(run).replace(/^run \d+ · /, "")} `, copyButton(run, status), " ", removeButton(client, caseId, run, list, status)),
    ),
  );
  if (runs.length === 0) list.replaceChildren(el("li", { class: "note" }, "No stored runs of this case yet."));
  return runs;
}
