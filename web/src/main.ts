// The workbench: case library, editor with live validation, and the views of the analysis.
import "./style.css";
import { ApiError, Client, type AnalyzeResult, type CaseSummary, type LocatedError, type StabilityResult, type StatesResult } from "./api";
import { byId, el } from "./dom";
import { createEditor } from "./editor";
import { formatLocation, formatMs } from "./format";
import { outline, ownersFor, type CaseOutline } from "./model";
import { formSignature, refreshForms, renderForms, type Edit } from "./views/forms";
import { relayout, renderGraph } from "./views/graph";
import { renderLedger } from "./views/ledger";
import { renderBrief, renderDynamics, renderMonteCarlo, renderPerceptions, renderPortfolio, renderViability } from "./views/lenses";
import { renderTableau } from "./views/tableau";

const client = new Client();
const TYPING_DELAY_MS = 250;

let currentId: string | null = null;
let analyzeAvailable = true;
let sequence = 0;
let timer: number | undefined;
let controller: AbortController | null = null;
let signature = "";
let lastOutline: CaseOutline | null = null;

// The latest results, and which version of them each view shows: only the visible view is drawn
// on an update; the others are drawn when their tab is opened.
interface Results {
  st: StatesResult;
  stab: StabilityResult;
  an: AnalyzeResult | null;
  owners: string[];
  names: Map<string, string>;
  version: number;
}
let results: Results = { st: { case: "", options: [], states: [] }, stab: { case: "", stability: {}, equilibria: {}, status_quo: "", default: { pattern: null, path: [], cycle: false }, reachable_equilibria: {} }, an: null, owners: [], names: new Map(), version: 0 };
const drawn: Record<string, number> = { tableau: 0, graph: 0, ledger: 0 };

function renderActive(): void {
  if (results.version === 0) return;
  const active = document.querySelector("[role=tab][aria-selected=true]")?.id.replace("tab-", "") ?? "tableau";
  if (drawn[active] === results.version) return;
  drawn[active] = results.version;
  const { st, stab, an, owners, names } = results;
  if (active === "tableau") renderTableau(byId("panel-tableau"), st, stab, owners, names);
  else if (active === "graph") renderGraph(byId("graph"), byId<HTMLOListElement>("graph-steps"), stab, owners);
  else if (active === "ledger") renderLedger(byId("panel-ledger"), st, stab, an, analyzeAvailable);
  else void openLens(active);
}

// ---- The lens views: asked for when their tab is opened, on the editor's current text -----

function describe(e: unknown): string {
  return e instanceof ApiError ? e.detail.text : `The server did not answer: ${(e as Error).message}`;
}

/** Runs one lens request, reporting progress and errors in the view's status line. */
async function lens<T>(name: string, request: () => Promise<T>, draw: (value: T) => void): Promise<void> {
  const status = byId(`${name}-status`);
  const view = byId(`${name}-view`);
  status.textContent = "Working…";
  view.setAttribute("aria-busy", "true");
  try {
    const value = await request();
    draw(value);
    status.textContent = "";
  } catch (e) {
    status.textContent = describe(e);
  } finally {
    view.setAttribute("aria-busy", "false");
  }
}

function runPerceptions(): Promise<void> {
  return lens("perceptions", () => client.perceptions(editor.text()), (r) => renderPerceptions(byId("perceptions-view"), r));
}
function runViability(): Promise<void> {
  const proposal = byId<HTMLInputElement>("viability-proposal").value.trim().toUpperCase();
  return lens("viability", () => client.viability(editor.text(), proposal), (r) => renderViability(byId("viability-view"), r));
}
function runDynamics(): Promise<void> {
  const kappas = byId<HTMLInputElement>("dynamics-kappas").value.split(",").map((k) => Number(k.trim())).filter((k) => Number.isFinite(k) && k > 0);
  const options = { runs: Number(byId<HTMLInputElement>("dynamics-runs").value), rounds: Number(byId<HTMLInputElement>("dynamics-rounds").value), kappas };
  return lens("dynamics", () => client.dynamics(editor.text(), options), (r) => renderDynamics(byId("dynamics-view"), r));
}

let mcController: AbortController | null = null;
let mcJob: string | null = null;
function runMonteCarlo(): Promise<void> {
  mcController?.abort();
  const controller = new AbortController();
  mcController = controller;
  const progress = byId<HTMLProgressElement>("mc-progress");
  const cancel = byId<HTMLButtonElement>("mc-cancel");
  cancel.disabled = false;
  progress.value = 0;
  const options = { samples: Number(byId<HTMLInputElement>("mc-samples").value), seed: Number(byId<HTMLInputElement>("mc-seed").value) };
  return lens(
    "mc",
    () =>
      client.montecarlo(
        editor.text(),
        options,
        (line) => {
          if (line.kind === "job") mcJob = line.job;
          if (line.kind === "progress" && line.total > 0) {
            progress.value = line.done / line.total;
            byId("mc-status").textContent = `${line.done} of ${line.total} samples`;
          }
        },
        controller.signal,
      ),
    (r) => renderMonteCarlo(byId("mc-view"), r),
  ).finally(() => {
    if (mcController === controller) {
      cancel.disabled = true;
      mcJob = null;
    }
  });
}
byId("mc-cancel").addEventListener("click", () => {
  // The cancel request stops the run on the server; the stream then ends with "cancelled".
  if (mcJob) void client.cancelJob(mcJob).catch(() => mcController?.abort());
  else mcController?.abort();
});

function runPortfolio(): Promise<void> {
  const cases = Array.from(document.querySelectorAll<HTMLInputElement>("#portfolio-cases input:checked")).map((i) => i.value);
  const linkage: Record<string, boolean> = {};
  for (const id of byId<HTMLInputElement>("portfolio-refusers").value.split(",").map((x) => x.trim()).filter(Boolean)) linkage[id] = false;
  return lens("portfolio", () => client.portfolio(cases, linkage), (r) => renderPortfolio(byId("portfolio-view"), r.result, r.run.id, r.run.cached === true));
}
function runBrief(): Promise<void> {
  const actor = byId<HTMLSelectElement>("brief-actor").value;
  const lang = byId<HTMLSelectElement>("brief-lang").value;
  const format = byId<HTMLSelectElement>("brief-format").value;
  return lens("brief", () => client.brief(editor.text(), actor, lang, format), (r) => renderBrief(byId("brief-view"), r));
}

for (const [form, run] of [
  ["viability-form", runViability],
  ["dynamics-form", runDynamics],
  ["mc-form", runMonteCarlo],
  ["portfolio-form", runPortfolio],
  ["brief-form", runBrief],
] as const) {
  byId<HTMLFormElement>(form).addEventListener("submit", (event) => {
    event.preventDefault();
    void run();
  });
}

let libraryCases: CaseSummary[] = [];
/** Prepares a lens view when its tab opens; the cheap lenses run at once on the current text. */
async function openLens(active: string): Promise<void> {
  const o = lastOutline;
  if (active === "perceptions") await runPerceptions();
  else if (active === "dynamics") await runDynamics();
  else if (active === "viability") {
    const input = byId<HTMLInputElement>("viability-proposal");
    const alternative = results.an?.alternative?.pattern;
    if (!input.value && alternative) input.value = alternative;
    if (input.value) await runViability();
  } else if (active === "brief" && o) {
    const select = byId<HTMLSelectElement>("brief-actor");
    const chosen = select.value;
    select.replaceChildren(...o.actors.map((a) => el("option", { value: a.id }, `${a.name} (${a.id})`)));
    if (o.actors.some((a) => a.id === chosen)) select.value = chosen;
  } else if (active === "portfolio") {
    const box = byId("portfolio-cases");
    if (box.childElementCount === 0) {
      box.replaceChildren(
        ...libraryCases.map((c) => {
          const id = `portfolio-case-${c.id}`;
          const input = el("input", { type: "checkbox", id, value: c.id });
          if (c.id === currentId) input.checked = true;
          return el("div", { class: "check" }, input, el("label", { for: id }, `${c.title} (${c.id})`));
        }),
      );
    }
  }
}

const validation = byId<HTMLParagraphElement>("validation");
const timing = byId<HTMLParagraphElement>("timing");
const summary = byId<HTMLParagraphElement>("summary");
const saveButton = byId<HTMLButtonElement>("save-button");
const saveStatus = byId<HTMLParagraphElement>("save-status");
const sanctions = byId<HTMLSelectElement>("sanctions");
const formBody = byId("form-body");

const editor = createEditor(byId("editor"), () => schedule(TYPING_DELAY_MS));

function schedule(delay: number): void {
  window.clearTimeout(timer);
  timer = window.setTimeout(() => void update(), delay);
}

function applyEdit(edit: Edit): void {
  try {
    editor.replace(edit(editor.text()));
    schedule(0);
  } catch (e) {
    validation.textContent = `Cannot edit: ${(e as Error).message}`;
  }
}

function showInvalid(errors: LocatedError[]): void {
  editor.showErrors(errors);
  const first = errors[0];
  validation.className = "validation invalid";
  validation.textContent = first.text || `${formatLocation(first)}: ${first.message}`;
  validation.dataset.line = first.line === undefined ? "" : String(first.line);
  saveButton.disabled = true;
  byId("results").setAttribute("aria-busy", "false");
}

/** Validates the text and, when it loads, re-runs the analyses; stale answers are dropped. */
async function update(): Promise<void> {
  const mine = ++sequence;
  controller?.abort();
  controller = new AbortController();
  const signal = controller.signal;
  const source = editor.text();
  const started = performance.now();
  const o = outline(source);
  if (o) lastOutline = o;
  const sig = formSignature(o);
  if (o && sig !== signature) {
    signature = sig;
    renderForms(formBody, o, applyEdit);
  } else if (o) {
    refreshForms(formBody, o);
  }
  try {
    // Validation and the analyses go out together; the analyses are ignored when invalid. The
    // analysis carries the stability keys too, so /api/stability is only asked for when the
    // analysis is not available or another sanction rule is chosen.
    const validating = client.validate(source, signal);
    const states = client.states(source, signal);
    const analysis: Promise<AnalyzeResult | null> = analyzeAvailable ? client.analyze(source, signal) : Promise.resolve(null);
    const separateStability = !analyzeAvailable || sanctions.value !== "textbook";
    const stability = separateStability ? client.stability(source, sanctions.value, signal) : null;
    for (const p of [states, stability, analysis]) p?.catch(() => undefined);
    const v = await validating;
    if (mine !== sequence) return;
    if (!v.valid) {
      showInvalid(v.errors);
      return;
    }
    editor.clearErrors();
    validation.className = "validation valid";
    validation.textContent = `Valid ${v.kind} “${v.id}”: ${v.options} options, ${v.states} feasible states.`;
    validation.dataset.line = "";
    saveButton.disabled = currentId === null || v.id !== currentId;
    if (currentId !== null && v.id !== currentId) saveStatus.textContent = `The id in the text is “${v.id}”, not “${currentId}”: rename it back to save.`;
    let an: AnalyzeResult | null = null;
    try {
      an = await analysis;
      if (an === null) analyzeAvailable = false;
    } catch (e) {
      if (e instanceof ApiError && e.detail.line !== undefined) throw e;
      an = null;
    }
    const stab = stability ? await stability : an ?? (await client.stability(source, sanctions.value, signal));
    const st = await states;
    if (mine !== sequence) return;
    const answered = performance.now();
    const owners = ownersFor(st.options, o ?? lastOutline);
    const names = new Map((o ?? lastOutline)?.options.map((x) => [x.id, x.name]) ?? []);
    results = { st, stab, an, owners, names, version: results.version + 1 };
    renderActive();
    const def = stab.default.cycle ? "no default (the moves cycle)" : `default ${stab.default.pattern}`;
    const eq = (stab.equilibria.seq ?? stab.equilibria.nash ?? []).join(", ") || "none";
    summary.textContent = `Status quo ${stab.status_quo} → ${def} in ${Math.max(0, stab.default.path.length - 1)} moves. SEQ equilibria: ${eq}.`;
    summary.dataset.default = stab.default.pattern ?? "";
    const ms = performance.now() - started;
    timing.textContent = `Updated in ${formatMs(ms)}`;
    timing.dataset.ms = ms.toFixed(2);
    timing.dataset.serverMs = (answered - started).toFixed(2);
    timing.dataset.renderMs = (performance.now() - answered).toFixed(2);
    timing.dataset.updates = String(Number(timing.dataset.updates ?? "0") + 1);
    byId("results").setAttribute("aria-busy", "false");
  } catch (e) {
    if (signal.aborted || mine !== sequence) return;
    if (e instanceof ApiError && e.detail.line !== undefined) {
      showInvalid([e.detail]);
      return;
    }
    validation.className = "validation invalid";
    validation.textContent = e instanceof ApiError ? e.detail.text : `The server did not answer: ${(e as Error).message}`;
  }
}

/** The version history of the loaded case; a button per version loads it into the editor. */
async function renderHistory(id: string, shown: number): Promise<void> {
  const versions = await client.versions(id);
  byId("history-count").textContent = `(${versions.length} version${versions.length === 1 ? "" : "s"})`;
  const link = byId<HTMLAnchorElement>("export-link");
  link.href = client.exportUrl(id, shown);
  link.textContent = `Export version ${shown} as a case file`;
  byId("history-list").replaceChildren(
    ...versions.map((v) => {
      const button = el("button", { type: "button", class: "version-button", "data-version": String(v.version) }, `v${v.version}`);
      if (v.version === shown) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => void loadCase(id, v.version).catch(reportError));
      const when = v.created_at.replace("T", " ").replace("Z", " UTC");
      return el("li", { value: String(v.version) }, button, ` ${when} · ${v.message || v.origin || "no note"}`);
    }),
  );
}

async function loadCase(id: string, at?: number): Promise<void> {
  const version = at === undefined ? await client.latest(id) : await client.version(id, at);
  void renderHistory(id, version.version).catch(reportError);
  currentId = version.id;
  analyzeAvailable = true;
  signature = "";
  byId("case-name").textContent = `${version.title} (v${version.version})`;
  for (const button of document.querySelectorAll<HTMLButtonElement>("#case-list button")) {
    if (button.dataset.id === id) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
  saveStatus.textContent = "";
  byId<HTMLInputElement>("viability-proposal").value = "";  // the next case has other options
  editor.load(version.source);
  schedule(0);
}

function renderLibrary(cases: CaseSummary[]): void {
  libraryCases = cases;
  const list = byId<HTMLUListElement>("case-list");
  list.replaceChildren(
    ...cases.map((c) => {
      const button = el("button", { type: "button", "data-id": c.id, class: "case-button" }, el("span", { class: "case-title" }, c.title), el("span", { class: "case-meta" }, `${c.id} · v${c.latest_version}`));
      if (c.id === currentId) button.setAttribute("aria-current", "true");
      button.addEventListener("click", () => void loadCase(c.id).catch(reportError));
      return el("li", {}, button);
    }),
  );
}

function reportError(e: unknown): void {
  validation.className = "validation invalid";
  validation.textContent = e instanceof ApiError ? e.detail.text : String(e);
}

byId<HTMLFormElement>("save-form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (!currentId) return;
  const message = byId<HTMLInputElement>("save-message").value.trim();
  saveButton.disabled = true;
  client
    .save(currentId, editor.text(), message)
    .then(async (saved) => {
      saveStatus.textContent = `Saved version ${saved.version} of ${saved.id}.`;
      byId<HTMLInputElement>("save-message").value = "";
      byId("case-name").textContent = `${lastOutline?.title ?? saved.id} (v${saved.version})`;
      void renderHistory(saved.id, saved.version).catch(reportError);
      renderLibrary(await client.cases());
    })
    .catch((e: unknown) => {
      saveStatus.textContent = e instanceof ApiError ? `Not saved: ${e.detail.text}` : `Not saved: ${String(e)}`;
    })
    .finally(() => {
      saveButton.disabled = false;
    });
});

sanctions.addEventListener("change", () => schedule(0));

byId<HTMLInputElement>("import-file").addEventListener("change", (event) => {
  const input = event.currentTarget as HTMLInputElement;
  const file = input.files?.[0];
  const status = byId("import-status");
  if (!file) return;
  file
    .text()
    .then((text) => client.importFile(file.name, text))
    .then(async (saved) => {
      status.textContent = `Imported ${file.name} as ${saved.id} v${saved.version}.`;
      renderLibrary(await client.cases());
      await loadCase(saved.id);
    })
    .catch((e: unknown) => {
      status.textContent = e instanceof ApiError ? `Not imported: ${e.detail.text}` : `Not imported: ${String(e)}`;
    })
    .finally(() => {
      input.value = "";
    });
});

// Tabs: arrow keys move between them, as the WAI-ARIA tabs pattern asks.
const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>("[role=tab]"));
function selectTab(tab: HTMLButtonElement, focus: boolean): void {
  for (const t of tabs) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    byId(t.getAttribute("aria-controls") ?? "").hidden = !selected;
  }
  if (focus) tab.focus();
  renderActive();
  if (tab.id === "tab-graph") relayout();
}
tabs.forEach((tab, i) => {
  tab.addEventListener("click", () => selectTab(tab, false));
  tab.addEventListener("keydown", (event) => {
    const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
  });
});
window.addEventListener("resize", () => relayout());

async function start(): Promise<void> {
  try {
    const health = await client.health();
    byId("health").textContent = `mend ${health.mend_version} · ${health.cases ?? "?"} cases in the workspace`;
  } catch (e) {
    byId("health").textContent = `The server does not answer (${String(e)})`;
    return;
  }
  const cases = await client.cases();
  renderLibrary(cases);
  const wanted = new URLSearchParams(window.location.search).get("case");
  const first = cases.find((c) => c.id === wanted) ?? cases[0];
  if (first) await loadCase(first.id);
}

void start().catch(reportError);
