// The "New case" form of the library and the "Save as new case" form of the editor. Both save
// through POST /api/cases with create_only (the id comes from the source), then open the new case. The checks
// and texts are in new-case.ts; main.ts hands in what it owns (the open case, the library,
// opening a case).
import { ApiError, type Client, type SaveResult } from "./api";
import { byId, el } from "./dom";
import { copyAs, newIdProblem, suggestId, TEMPLATES } from "./new-case";

export interface NewCaseHost {
  client: Client;
  /** The ids of the library as last listed. */
  caseIds(): string[];
  /** The open case and the editor's text; null when none is open. */
  current(): { id: string; title: string; text: string } | null;
  /** Asks before unsaved edits of the open case are left; true to go on. */
  confirmLeave(next: string): boolean;
  /** After `saved` created a case: refresh the library and open it. `from` is the case whose
   * text was saved under the new id (its unsaved edits now live in the new case). */
  opened(saved: SaveResult, from: string | null): Promise<void>;
}

function failure(e: unknown): string {
  return e instanceof ApiError ? e.detail.text : String(e);
}

// Both forms save create-only: when the id was created meanwhile the server stores nothing and
// answers 409 naming it, so a save here never adds a version to someone else's case.
function outcome(saved: SaveResult): string {
  return `Created ${saved.id} (v${saved.version}).`;
}

// The 409 of a create-only save: the id was taken meanwhile. The library is refreshed by the
// host so the id check sees it next time.
function refusal(e: unknown, id: string): string {
  if (e instanceof ApiError && e.status === 409) return `A case “${id}” was created meanwhile; nothing was saved: choose another id. (${e.detail.message})`;
  return failure(e);
}

export function wireNewCase(host: NewCaseHost): void {
  const template = byId<HTMLSelectElement>("new-case-template");
  template.replaceChildren(...TEMPLATES.map((t) => el("option", { value: t.key }, t.label)));
  const newStatus = byId("new-case-status");
  byId<HTMLFormElement>("new-case-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = byId<HTMLInputElement>("new-case-id").value.trim();
    const title = byId<HTMLInputElement>("new-case-title").value.trim() || id;
    const problem = newIdProblem(id, host.caseIds());
    if (problem) {
      newStatus.textContent = problem;
      return;
    }
    const chosen = TEMPLATES.find((t) => t.key === template.value) ?? TEMPLATES[0];
    if (!host.confirmLeave(`the new case “${title}”`)) return;
    newStatus.textContent = `Creating ${id}…`;
    host.client
      .create(chosen.text(id, title), `new case from the template “${chosen.label}”`)
      .then(async (saved) => {
        newStatus.textContent = outcome(saved);
        byId<HTMLInputElement>("new-case-id").value = "";
        byId<HTMLInputElement>("new-case-title").value = "";
        await host.opened(saved, null);
      })
      .catch((e: unknown) => {
        newStatus.textContent = `Not created: ${refusal(e, id)}`;
      });
  });

  const asId = byId<HTMLInputElement>("save-as-id");
  const asTitle = byId<HTMLInputElement>("save-as-title");
  const asStatus = byId("save-as-status");
  // Suggest a free id and a title when the form is opened for the open case.
  byId<HTMLDetailsElement>("save-as").addEventListener("toggle", () => {
    const open = host.current();
    if (!open || !byId<HTMLDetailsElement>("save-as").open) return;
    if (!asId.value) asId.value = suggestId(open.id, host.caseIds());
    if (!asTitle.value) asTitle.value = `${open.title} (copy)`;
  });
  byId<HTMLFormElement>("save-as-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const open = host.current();
    if (!open) {
      asStatus.textContent = "Open a case first.";
      return;
    }
    const id = asId.value.trim();
    const problem = newIdProblem(id, host.caseIds());
    if (problem) {
      asStatus.textContent = problem;
      return;
    }
    let source: string;
    try {
      source = copyAs(open.text, id, asTitle.value);
    } catch (e) {
      asStatus.textContent = `Not saved: ${failure(e)}`;
      return;
    }
    asStatus.textContent = `Saving as ${id}…`;
    host.client
      .create(source, `saved as a new case from ${open.id}`)
      .then(async (saved) => {
        asStatus.textContent = outcome(saved);
        asId.value = "";
        asTitle.value = "";
        await host.opened(saved, open.id);
      })
      .catch((e: unknown) => {
        asStatus.textContent = `Not saved: ${refusal(e, id)}`;
      });
  });
}
