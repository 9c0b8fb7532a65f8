// The workbench: case library, editor with live validation, and the views of the analysis.
import "./style.css";
import { ApiError, Client, type AnalyzeResult, type CaseSummary, type LocatedError, type MonteCarloResult, type StatesResult } from "./api";
import { byId, el } from "./dom";
import { DraftStore, isDirty, type KeyValueStore } from "./drafts";
import { createEditor } from "./editor";
import { formatLocation, formatMs } from "./format";
import { orderedActors } from "./headline";
import { FLAGSHIP, firstCase, groupLibrary } from "./library";
import { loginPrompt } from "./login";
import { outline, ownersFor, parameterLabel, type CaseOutline } from "./model";
import { foldOnNarrow } from "./narrow";
import { wireNewCase } from "./new-case-ui";
import { renderRuns, STORABLE } from "./views/runs";
import { formSignature, refreshForms, renderForms, type Edit } from "./views/forms";
import { clearHeadline, renderHeadline } from "./views/headline";
import { renderTableau } from "./views/tableau";
import { wireTrace } from "./trace";

// Cytoscape (the graph) and Observable Plot (ledger and lens charts) load when first needed.
const graphView = () => import("./views/graph");
const ledgerView = () => import("./views/ledger");
const lensViews = () => import("./views/lenses");
let graphLoaded: Awaited<ReturnType<typeof graphView>> | null = null;

const client = new Client();
// A server with --token answers 401 once its cookie is gone: ask for the token, then go on.
client.setLoginPrompt(loginPrompt(client));
const TYPING_DELAY_MS = 250;
/** The headline's own Monte Carlo run: small, and only on cases of at most this many states. */
const HEADLINE_SAMPLES = 1000;
const HEADLINE_MAX_STATES = 256;

/** The stored version in the editor: the text as stored, to tell unsaved edits. */
interface Loaded {
  id: string;
  version: number;
  title: string;
  stored: string;
}
let loaded: Loaded | null = null;
/** Bumped when another case (or version) is opened: answers for an older one are dropped. */
let epoch = 0;
let sequence = 0;
let timer: number | undefined;
let controller: AbortController | null = null;
let signature = "";
let lastOutline: CaseOutline | null = null;
let lastValid: { id: string; states: number } | null = null;

function browserStorage(): KeyValueStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
const drafts = new DraftStore(browserStorage());

// The latest results, and which version of them each view shows: only the visible view is drawn
// on an update; the others are drawn when their tab is opened.
interface Results {
  st: StatesResult;
  an: AnalyzeResult;
  owners: string[];
  names: Map<string, string>;
  actors: Map<string, string>;
  context: ViewContext;
  version: number;
}
let results: Results | null = null;
let resultsVersion = 0;
let drawn: Record<string, number> = {};
let headlineMc: { result: MonteCarloResult; context: ViewContext; text: string } | null = null;

/** Which case, version and text a view describes. */
interface ViewContext {
  id: string;
  version: number;
  title: string;
  edited: boolean;
}
function currentContext(): ViewContext | null {
  if (!loaded) return null;
  return { id: loaded.id, version: loaded.version, title: loaded.title, edited: isDirty(loaded.stored, editor.text()) };
}
function contextText(c: ViewContext): string {
  return `${c.title} — ${c.id} v${c.version}${c.edited ? ", with unsaved edits" : ""}`;
}
/** Writes the case and version a panel describes at its top (empty when it shows nothing). */
function setViewContext(panel: string, c: ViewContext | null): void {
  const p = byId(`${panel}-context`);
  p.textContent = c ? `Shows: ${contextText(c)}` : "";
  p.dataset.case = c?.id ?? "";
  p.dataset.version = c ? String(c.version) : "";
}

/** An actor's name from the open case's text; the id when the text does not name it. */
function actorName(id: string): string {
  return lastOutline?.actors.find((a) => a.id === id)?.name ?? id;
}

function activeTab(): string {
  return document.querySelector("[role=tab][aria-selected=true]")?.id.replace("tab-", "") ?? "tableau";
}

async function renderActive(): Promise<void> {
  const r = results;
  if (!r) return;
  const active = activeTab();
  if (drawn[active] === r.version) return;
  drawn[active] = r.version;
  const { st, an, owners, names, actors } = r;
  if (active === "tableau") {
    renderTableau(byId("panel-tableau-body"), st, an, owners, names, actors);
    setViewContext("tableau", r.context);
  } else if (active === "graph") {
    const g = (graphLoaded = await graphView());
    if (results !== r) return;
    g.renderGraph(byId("graph"), byId<HTMLOListElement>("graph-steps"), an, owners.map((o) => actors.get(o) ?? o));
    setViewContext("graph", r.context);
  } else if (active === "ledger") {
    const l = await ledgerView();
    if (results !== r) return;
    const dimensions = new Map(lastOutline?.dimensions.map((d) => [d.id, d.name]) ?? []);
    l.renderLedger(byId("panel-ledger-body"), st, an, an, { actor: (id) => actors.get(id) ?? id, dimension: (id) => dimensions.get(id) ?? id }, undefined, true);
    setViewContext("ledger", r.context);
  } else void openLens(active);
}

/** Empties every view: another case is opening, and nothing of the previous one may remain. */
function clearViews(): void {
  epoch++;
  results = null;
  drawn = {};
  headlineMc = null;
  mcController?.abort();
  headlineController?.abort();
  mcJob = null;
  byId<HTMLProgressElement>("mc-progress").value = 0;
  byId<HTMLButtonElement>("mc-cancel").disabled = true;
  for (const id of ["panel-tableau-body", "panel-ledger-body", "perceptions-view", "viability-view", "dynamics-view", "mc-view", "brief-view"]) byId(id).replaceChildren();
  for (const id of ["perceptions", "viability", "dynamics", "mc", "brief"]) {
    byId(`${id}-status`).textContent = "";
    byId(`${id}-view`).setAttribute("aria-busy", "false");
  }
  if (graphLoaded) graphLoaded.clearGraph(byId("graph"), byId<HTMLOListElement>("graph-steps"));
  else byId("graph-steps").replaceChildren();
  for (const panel of ["tableau", "graph", "ledger", "perceptions", "viability", "dynamics", "montecarlo", "brief"]) setViewContext(panel, null);
  byId<HTMLInputElement>("viability-proposal").value = ""; // the next case has other options
  summary.textContent = "";
  delete summary.dataset.default;
  clearHeadline(byId("headline"));
  byId("results").setAttribute("aria-busy", "true");
}

// ---- The lens views: asked for when their tab is opened, on the editor's current text -----

function describe(e: unknown): string {
  return e instanceof ApiError ? e.detail.text : `The server did not answer: ${(e as Error).message}`;
}

/**
 * Runs one lens request, reporting progress and errors in the view's status line. The answer is
 * drawn only while the same case is open, under the case and version it was asked for.
 */
async function lens<T>(name: string, panel: string | null, request: () => Promise<T>, draw: (value: T) => void | Promise<void>): Promise<T | null> {
  const status = byId(`${name}-status`);
  const view = byId(`${name}-view`);
  const mine = epoch;
  const context = currentContext();
  status.textContent = "Working…";
  view.setAttribute("aria-busy", "true");
  try {
    const value = await request();
    if (mine !== epoch) return null;
    await draw(value);
    if (panel) setViewContext(panel, context);
    status.textContent = "";
    return value;
  } catch (e) {
    if (mine === epoch) status.textContent = describe(e);
    return null;
  } finally {
    if (mine === epoch) view.setAttribute("aria-busy", "false");
  }
}

function runPerceptions(): Promise<unknown> {
  return lens("perceptions", "perceptions", () => client.perceptions(editor.text()), async (r) => (await lensViews()).renderPerceptions(byId("perceptions-view"), r, actorName));
}
function runViability(): Promise<unknown> {
  const proposal = byId<HTMLInputElement>("viability-proposal").value.trim().toUpperCase();
  return lens("viability", "viability", () => client.viability(editor.text(), proposal), async (r) => (await lensViews()).renderViability(byId("viability-view"), r, actorName));
}
function runDynamics(): Promise<unknown> {
  const kappas = byId<HTMLInputElement>("dynamics-kappas").value.split(",").map((k) => Number(k.trim())).filter((k) => Number.isFinite(k) && k > 0);
  const options = { runs: Number(byId<HTMLInputElement>("dynamics-runs").value), rounds: Number(byId<HTMLInputElement>("dynamics-rounds").value), kappas };
  return lens("dynamics", "dynamics", () => client.dynamics(editor.text(), options), async (r) => (await lensViews()).renderDynamics(byId("dynamics-view"), r, actorName));
}

let mcController: AbortController | null = null;
let headlineController: AbortController | null = null;
let mcJob: string | null = null;
function runMonteCarlo(): Promise<unknown> {
  mcController?.abort();
  const controller = new AbortController();
  mcController = controller;
  const progress = byId<HTMLProgressElement>("mc-progress");
  const cancel = byId<HTMLButtonElement>("mc-cancel");
  cancel.disabled = false;
  progress.value = 0;
  const options = { samples: Number(byId<HTMLInputElement>("mc-samples").value), seed: Number(byId<HTMLInputElement>("mc-seed").value) };
  const text = editor.text();
  const context = currentContext();
  return lens(
    "mc",
    "montecarlo",
    () =>
      client.montecarlo(
        text,
        options,
        (line) => {
          if (mcController !== controller) return;
          if (line.kind === "job") mcJob = line.job;
          if (line.kind === "progress" && line.total > 0) {
            progress.value = line.done / line.total;
            byId("mc-status").textContent = `${line.done} of ${line.total} samples`;
          }
        },
        controller.signal,
      ),
    async (r) => {
      (await lensViews()).renderMonteCarlo(byId("mc-view"), r, actorName, (p) => lastOutline?.parameterUnits[p] ?? "", (p) => parameterLabel(lastOutline, p));
      if (context) {
        headlineMc = { result: r, context, text };
        drawHeadline();
      }
    },
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

/** The headline's likelihoods: a small Monte Carlo run once per opened case, in the background. */
function runHeadlineMonteCarlo(): void {
  const mine = epoch;
  const text = editor.text();
  const context = currentContext();
  if (!context) return;
  headlineController?.abort();
  const controller = (headlineController = new AbortController());
  client
    .montecarlo(text, { samples: HEADLINE_SAMPLES, seed: 1 }, () => undefined, controller.signal)
    .then((result) => {
      if (mine !== epoch || headlineMc) return;
      headlineMc = { result, context, text };
      drawHeadline();
    })
    .catch(() => undefined);
}

function runPortfolio(): Promise<unknown> {
  const cases = Array.from(document.querySelectorAll<HTMLInputElement>("#portfolio-cases input:checked")).map((i) => i.value);
  const linkage: Record<string, boolean> = {};
  for (const id of byId<HTMLInputElement>("portfolio-refusers").value.split(",").map((x) => x.trim()).filter(Boolean)) linkage[id] = false;
  // The portfolio is of stored cases, not of the text in the editor: its heading says which.
  return lens("portfolio", null, () => client.portfolio(cases, linkage), async (r) => (await lensViews()).renderPortfolio(byId("portfolio-view"), r.result, r.run.id, r.run.cached === true));
}
function runBrief(): Promise<unknown> {
  const actor = byId<HTMLSelectElement>("brief-actor").value;
  const lang = byId<HTMLSelectElement>("brief-lang").value;
  const format = byId<HTMLSelectElement>("brief-format").value;
  return lens("brief", "brief", () => client.brief(editor.text(), actor, lang, format), async (r) => (await lensViews()).renderBrief(byId("brief-view"), r));
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
    const alternative = results?.an.alternative?.pattern;
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
          // The open case; with a case of the flagship portfolio, the whole portfolio.
          const flagship = loaded !== null && FLAGSHIP.includes(loaded.id) && FLAGSHIP.includes(c.id);
          if (c.id === loaded?.id || flagship) input.checked = true;
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
const dirtyMarker = byId("dirty-marker");

const editor = createEditor(byId("editor"), () => {
  onEdited();
  schedule(TYPING_DELAY_MS);
});

function dirty(): boolean {
  return loaded !== null && isDirty(loaded.stored, editor.text());
}

/**
 * Shows whether the text differs from the stored version and updates the Save button; after an
 * edit (`record`) it also keeps the draft, or drops it once the text is the stored one again.
 * Opening a version records nothing: a draft of the latest version survives a look at an older one.
 */
function onEdited(record = true): void {
  const d = dirty();
  dirtyMarker.hidden = !d;
  document.title = `${d ? "• " : ""}mend workbench`;
  if (loaded && record) drafts.record(loaded.id, loaded.version, loaded.stored, editor.text());
  if (!d) byId("draft-notice").hidden = true;
  updateSaveButton();
}

/** Save is offered for a valid text of the open case that differs from the stored version. */
function updateSaveButton(): void {
  saveButton.disabled = !(loaded && dirty() && lastValid && lastValid.id === loaded.id);
}

/**
 * Runs an update after `delay` ms. While one is due or under way, #results carries
 * data-pending="true", so that a test (or a person) can tell settled results from passing ones.
 */
function schedule(delay: number): void {
  window.clearTimeout(timer);
  scheduled = true;
  byId("results").dataset.pending = "true";
  timer = window.setTimeout(() => {
    scheduled = false;
    void update();
  }, delay);
}
let scheduled = false;

function applyEdit(edit: Edit): void {
  try {
    editor.replace(edit(editor.text()));
    schedule(0);
  } catch (e) {
    validation.className = "validation invalid";
    validation.textContent = `Cannot edit: ${(e as Error).message}`;
  }
}

function showInvalid(errors: LocatedError[]): void {
  editor.showErrors(errors);
  const first = errors[0];
  validation.className = "validation invalid";
  validation.textContent = first.text || `${formatLocation(first)}: ${first.message}`;
  validation.dataset.line = first.line === undefined ? "" : String(first.line);
  lastValid = null;
  updateSaveButton();
  byId("results").setAttribute("aria-busy", "false");
}

function drawHeadline(): void {
  const r = results;
  if (!r) return;
  const mc = headlineMc && headlineMc.context.id === r.context.id ? headlineMc : null;
  renderHeadline(byId("headline"), {
    an: r.an,
    optionIds: r.st.options,
    outline: lastOutline,
    context: contextText(r.context),
    mc: mc?.result ?? null,
    mcNote: mc ? `Likelihoods and ranges: ${mc.result.samples} Monte Carlo samples of ${contextText(mc.context)}${mc.text !== editor.text() ? " (the text has changed since: run Monte Carlo again)" : ""}.` : "Likelihoods and ranges follow once a Monte Carlo run of this case is done.",
  });
}

/** Validates the text and, when it loads, re-runs the analyses; stale answers are dropped. */
async function update(): Promise<void> {
  const mine = ++sequence;
  try {
    await updateOnce(mine);
  } finally {
    if (mine === sequence && !scheduled) byId("results").dataset.pending = "false";
  }
}

async function updateOnce(mine: number): Promise<void> {
  const myEpoch = epoch;
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
    // Validation, the states and the analysis (which carries the stability keys) go out
    // together; the analyses are ignored when the text is invalid.
    const validating = client.validate(source, signal);
    const states = client.states(source, signal);
    const analysis = client.analyze(source, sanctions.value, signal);
    for (const p of [states, analysis]) p.catch(() => undefined);
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
    lastValid = { id: v.id, states: v.states };
    updateSaveButton();
    saveStatus.textContent = loaded && v.id !== loaded.id ? `The id in the text is “${v.id}”, not “${loaded.id}”: rename it back to save.` : saveStatus.textContent;
    const an = await analysis;
    const st = await states;
    if (mine !== sequence || myEpoch !== epoch) return;
    const answered = performance.now();
    const current = o ?? lastOutline;
    const owners = ownersFor(st.options, current);
    const names = new Map(current?.options.map((x) => [x.id, x.name]) ?? []);
    // Deciders first, each in file order: the order of the tableau's and headline's actors.
    const actors = new Map(orderedActors(current, current?.actors.map((a) => a.id) ?? []).map((id) => [id, current?.actors.find((a) => a.id === id)?.name ?? id]));
    const context = currentContext() ?? { id: v.id, version: 0, title: current?.title ?? v.id, edited: false };
    const first = results === null;
    results = { st, an, owners, names, actors, context, version: ++resultsVersion };
    await renderActive();
    drawHeadline();
    if (first && !headlineMc && v.states <= HEADLINE_MAX_STATES) runHeadlineMonteCarlo();
    const def = an.default.cycle ? "no default (the moves cycle)" : `default ${an.default.pattern}`;
    const eq = (an.equilibria.seq ?? an.equilibria.nash ?? []).join(", ") || "none";
    summary.textContent = `Status quo ${an.status_quo} → ${def} in ${Math.max(0, an.default.path.length - 1)} moves. SEQ equilibria: ${eq}.`;
    summary.dataset.default = an.default.pattern ?? "";
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
  if (loaded?.id !== id) return;
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

/** Asks before the unsaved edits of the open case are left (they stay as a draft). */
function confirmLeave(next: string): boolean {
  if (!dirty() || !loaded) return true;
  return window.confirm(`“${loaded.title}” has unsaved edits. They stay as a draft in this browser and come back when you open it again.\n\nOpen ${next} anyway?`);
}

async function loadCase(id: string, at?: number): Promise<void> {
  if (!confirmLeave(at === undefined ? `“${libraryCases.find((c) => c.id === id)?.title ?? id}”` : `version ${at}`)) return;
  const version = at === undefined ? await client.latest(id) : await client.version(id, at);
  clearViews();
  loaded = { id: version.id, version: version.version, title: version.title, stored: version.source };
  lastValid = null;
  signature = "";
  void renderHistory(id, version.version).catch(reportError);
  byId("runs-list").replaceChildren();
  byId("runs-count").textContent = "";
  byId("runs-status").textContent = "";
  refreshRuns();
  byId("case-name").textContent = `${version.title} (v${version.version})`;
  for (const button of document.querySelectorAll<HTMLButtonElement>("#case-list button")) {
    if (button.dataset.id === id) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
  saveStatus.textContent = "";
  // A draft left in this browser comes back with the latest version it was based on.
  const draft = at === undefined ? drafts.get(version.id) : null;
  const notice = byId("draft-notice");
  if (draft && draft.text !== version.source) {
    editor.load(draft.text);
    byId("draft-text").textContent = `Restored your unsaved edits from this browser (started from v${draft.base}${draft.base !== version.version ? `; the latest is v${version.version}` : ""}).`;
    notice.hidden = false;
  } else {
    editor.load(version.source);
    notice.hidden = true;
  }
  onEdited(false);
  schedule(0);
}

byId("draft-discard").addEventListener("click", () => {
  if (!loaded) return;
  drafts.discard(loaded.id);
  editor.load(loaded.stored);
  byId("draft-notice").hidden = true;
  onEdited(false);
  schedule(0);
});

window.addEventListener("beforeunload", (event) => {
  if (!dirty()) return;
  event.preventDefault();
  event.returnValue = "";
});

function renderLibrary(cases: CaseSummary[]): void {
  libraryCases = cases;
  const list = byId("case-list");
  list.replaceChildren(
    ...groupLibrary(cases).map((group) =>
      el(
        "section",
        { class: "case-group", "aria-labelledby": `group-${group.id}` },
        el("h3", { id: `group-${group.id}`, class: "case-group-title" }, group.title),
        el(
          "ul",
          { class: "case-list" },
          ...group.cases.map((c) => {
            const button = el("button", { type: "button", "data-id": c.id, class: "case-button" }, el("span", { class: "case-title" }, c.title), el("span", { class: "case-meta" }, `${c.id} · v${c.latest_version}`));
            if (c.id === loaded?.id) button.setAttribute("aria-current", "true");
            button.addEventListener("click", () => {
              void loadCase(c.id)
                .then(() => showPane("results"))
                .catch(reportError);
            });
            return el("li", {}, button);
          }),
        ),
      ),
    ),
  );
}

function reportError(e: unknown): void {
  validation.className = "validation invalid";
  validation.textContent = e instanceof ApiError ? e.detail.text : String(e);
}

byId<HTMLFormElement>("save-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const was = loaded;
  if (!was) return;
  const message = byId<HTMLInputElement>("save-message").value.trim();
  const text = editor.text();
  saveButton.disabled = true;
  client
    .save(was.id, text, message)
    .then(async (saved) => {
      if (loaded !== was) return;
      loaded = { id: saved.id, version: saved.version, title: lastOutline?.title ?? saved.id, stored: text };
      saveStatus.textContent = `Saved version ${saved.version} of ${saved.id}.`;
      byId<HTMLInputElement>("save-message").value = "";
      byId("case-name").textContent = `${loaded.title} (v${saved.version})`;
      byId("draft-notice").hidden = true;
      onEdited();
      void renderHistory(saved.id, saved.version).catch(reportError);
      renderLibrary(await client.cases());
    })
    .catch((e: unknown) => {
      saveStatus.textContent = e instanceof ApiError ? `Not saved: ${e.detail.text}` : `Not saved: ${String(e)}`;
    })
    .finally(() => updateSaveButton());
});

foldOnNarrow(byId<HTMLDetailsElement>("headline-fold"), window.matchMedia("(max-width: 900px)"));

// The runs panel: listed when opened, and after a run is stored.
const runsPanel = byId<HTMLDetailsElement>("runs");
const runsCommand = byId<HTMLSelectElement>("runs-command");
runsCommand.replaceChildren(...STORABLE.map((c) => el("option", { value: c }, c)));
function refreshRuns(): void {
  if (!loaded || !runsPanel.open) return;
  const id = loaded.id;
  void renderRuns(client, id, byId("runs-list"), byId("runs-status"))
    .then((runs) => {
      if (loaded?.id === id) byId("runs-count").textContent = `(${runs.length})`;
    })
    .catch(reportError);
}
runsPanel.addEventListener("toggle", refreshRuns);
byId("runs-store").addEventListener("click", () => {
  if (!loaded) return;
  const { id, version } = loaded;
  byId("runs-status").textContent = `Running ${runsCommand.value} on ${id} v${version}…`;
  client
    .storeRun(id, version, runsCommand.value)
    .then((run) => {
      byId("runs-status").textContent = `${run.cached ? "Already stored" : "Stored"} as run ${run.id}.`;
      refreshRuns();
    })
    .catch((e: unknown) => (byId("runs-status").textContent = `Not stored: ${e instanceof ApiError ? e.detail.text : String(e)}`));
});

wireNewCase({
  client,
  caseIds: () => libraryCases.map((c) => c.id),
  current: () => (loaded ? { id: loaded.id, title: lastOutline?.title ?? loaded.title, text: editor.text() } : null),
  confirmLeave,
  opened: async (saved, from) => {
    // Saved under a new id: the edits of `from` now live in the new case, so its draft goes.
    // Leaving was confirmed before the save (a template) or is moot (save as): no second ask.
    if (from !== null && loaded?.id === from) drafts.discard(from);
    loaded = null;
    renderLibrary(await client.cases());
    await loadCase(saved.id);
  },
});

sanctions.addEventListener("change", () => schedule(0));
// A gain in the headline or a ledger total opens its trace (POST /api/explain).
wireTrace(byId("results"), byId<HTMLDialogElement>("trace-dialog"), byId("trace-body"), {
  client,
  current: () => (results ? { source: editor.text(), an: results.an, sanctions: sanctions.value, actorName: (id) => results?.actors.get(id) ?? actorName(id) } : null),
});

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
function tabList(selector: string, onSelect: (tab: HTMLButtonElement) => void): void {
  const tabs = Array.from(document.querySelectorAll<HTMLButtonElement>(selector));
  const select = (tab: HTMLButtonElement, focus: boolean) => {
    for (const t of tabs) {
      const selected = t === tab;
      t.setAttribute("aria-selected", String(selected));
      t.tabIndex = selected ? 0 : -1;
      byId(t.getAttribute("aria-controls") ?? "").hidden = !selected;
    }
    if (focus) tab.focus();
    onSelect(tab);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener("click", () => select(tab, false));
    tab.addEventListener("keydown", (event) => {
      const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
      if (next === null) return;
      event.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  });
}
tabList(".tabs [role=tab]", (tab) => {
  void renderActive().then(() => {
    if (tab.id === "tab-graph") graphLoaded?.relayout();
  });
});
window.addEventListener("resize", () => graphLoaded?.relayout());

// Narrow screens: the library, the editor and the results are three panes, results first. The
// switch only sets which pane shows; on wide screens all three show side by side.
function showPane(pane: string): void {
  document.body.dataset.pane = pane;
  for (const b of document.querySelectorAll<HTMLButtonElement>(".pane-switch button")) b.setAttribute("aria-pressed", String(b.dataset.pane === pane));
  if (pane === "results") graphLoaded?.relayout();
}
for (const b of document.querySelectorAll<HTMLButtonElement>(".pane-switch button")) b.addEventListener("click", () => showPane(b.dataset.pane ?? "results"));
byId("skip-results").addEventListener("click", () => showPane("results"));
byId("skip-editor").addEventListener("click", () => showPane("editor"));
showPane("results");

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
  const first = firstCase(cases, new URLSearchParams(window.location.search).get("case"));
  if (first) await loadCase(first.id);
}

void start().catch(reportError);
