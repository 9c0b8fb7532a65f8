// End-to-end test of the workbench in a real browser (Debian's chromium driven by playwright-core):
// starts `mend serve` on a free loopback port with a temporary workspace and the built front end,
// opens the workbench, loads a case, edits a weight and sees the default change, introduces a
// YAML error and sees its line marked, and measures the what-if update latency. Also: switching
// case clears every view, undo stays within one case, unsaved edits are confirmed and kept as a
// draft, a what-if on an absent key changes one line, the headline names the options, and no
// view scrolls the page sideways at 1440 or 390 px (screenshots of each view at both widths).
// Every wait is on a condition in the page, never a fixed sleep.
//
// node e2e/workbench.e2e.mjs --mend PATH/TO/mend [--dist web/dist] [--out DIR] [--chromium PATH]
//                            [--mock CASES_DIR]   (development only: the CLI-backed stand-in)
// Exit status 0 when every check passes; 1 with the failed check on stderr otherwise. Nothing is
// skipped: a missing chromium, mend binary or built front end is a failure.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { parse as parseYaml } from "yaml";
import { bigCase } from "./fixtures/big-case.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const args = parseArgs(process.argv.slice(2));
const mend = args.mend;
const dist = resolve(args.dist ?? join(here, "..", "dist"));
const out = resolve(args.out ?? join(here, "..", "e2e-artifacts"));
const chromiumPath = args.chromium ?? process.env.MEND_CHROMIUM ?? "/usr/bin/chromium";
const STEP_TIMEOUT = 15000;

function parseArgs(list) {
  const parsed = {};
  for (let i = 0; i < list.length; i++) {
    const m = /^--([a-z-]+)$/.exec(list[i]);
    if (!m) throw new Error(`unexpected argument ${list[i]}`);
    parsed[m[1]] = list[++i];
  }
  return parsed;
}

function fail(message) {
  process.stderr.write(`workbench e2e: FAIL: ${message}\n`);
  process.exitCode = 1;
  throw new Error(message);
}

function check(condition, message) {
  if (!condition) fail(message);
  process.stdout.write(`  ok - ${message}\n`);
}

function die(message) {
  process.stderr.write(`workbench e2e: FAIL: ${message}\n`);
  process.exit(1);
}

if (!mend || !existsSync(mend)) die(`the mend binary is missing (--mend ${mend ?? "not given"})`);
if (!existsSync(chromiumPath))
  die(`chromium not found at ${chromiumPath}: install Debian's chromium (scripts/install-deps.sh installs it); the browser tests never download a browser`);
if (!existsSync(join(dist, "index.html"))) die(`the front end is not built (${dist}/index.html missing): run scripts/build-web.sh`);
mkdirSync(out, { recursive: true });

const workdir = mkdtempSync(join(tmpdir(), "mend-e2e-"));
let server;
let browser;
const timer = setTimeout(() => {
  process.stderr.write("workbench e2e: FAIL: timed out after 220 s\n");
  cleanup();
  process.exit(1);
}, 220000);

function cleanup() {
  if (server && server.exitCode === null) server.kill("SIGTERM");
  rmSync(workdir, { recursive: true, force: true });
}

/** Starts the server and resolves with its base URL from the line it prints on stderr. */
function startServer() {
  const command = args.mock
    ? [process.execPath, [join(here, "mock-server.mjs"), mend, args.mock, dist, "0"]]
    : [mend, ["serve", "--workspace", join(workdir, "workspace.sqlite"), "--host", "127.0.0.1", "--port", "0", "--static", dist]];
  server = spawn(command[0], command[1], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  return new Promise((resolveUrl, reject) => {
    const giveUp = setTimeout(() => reject(new Error(`mend serve did not report its address within 20 s; stderr: ${log}`)), 20000);
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const m = /serving (http:\/\/[^\s]+)/.exec(log);
      if (m) {
        clearTimeout(giveUp);
        resolveUrl(m[1].replace(/\/$/, ""));
      }
    });
    server.on("exit", (code) => reject(new Error(`mend serve exited with ${code} before serving; stderr: ${log}`)));
  });
}

async function api(base, method, path, body) {
  const response = await fetch(`${base}${path}`, { method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

async function main() {
  const base = await startServer();
  process.stdout.write(`workbench e2e against ${base}${args.mock ? " (mock)" : ""}\n`);
  const fixture = readFileSync(join(here, "fixtures", "whatif.yaml"), "utf8");
  const saved = await api(base, "POST", "/api/cases/whatif/versions", { source: fixture, message: "e2e fixture" });
  check(saved.status === 201, `the fixture case is saved through the API (HTTP ${saved.status})`);

  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  const problems = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Dialogs (the unsaved-edits confirmation, the page-leave prompt): recorded, then answered by
  // the current policy (accept unless a check says otherwise).
  const assets = new Map();
  page.on("response", (r) => {
    if (new URL(r.url()).pathname.startsWith("/assets/")) assets.set(new URL(r.url()).pathname, r.headers()["cache-control"] ?? "");
  });
  const dialogs = [];
  let dialogAnswer = "accept";
  page.on("dialog", (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    void (dialogAnswer === "accept" ? d.accept() : d.dismiss());
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`);
  });

  const response = await page.goto(`${base}/`);
  check(response?.status() === 200, "the workbench page is served at /");
  if (!args.mock) check((response?.headers()["content-security-policy"] ?? "").includes("script-src 'self'"), "the page carries the Content-Security-Policy");
  await page.locator("#case-list button").nth(1).waitFor();
  check((await page.locator("#case-list button").count()) >= 2, "the case library lists the workspace's cases");
  await checkHeadline(page, base);
  await checkTrace(page, base);
  await checkGlossary(page, base);

  // Load the fixture from the library, with the keyboard.
  await page.locator('#case-list button[data-id="whatif"]').focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") === "YY");
  check(true, "loading the case with the keyboard shows its default YY (build, then pay the toll)");
  check((await page.locator('#case-list button[data-id="whatif"]').getAttribute("aria-current")) === "true", "the library marks the loaded case");
  check((await page.locator("#tableau th.state").count()) === 4, "the tableau shows the 4 states");
  check(await page.locator("#panel-tableau td.eq").first().isVisible(), "the tableau marks equilibria");
  await page.screenshot({ path: join(out, "workbench-loaded.png") });

  // Edit a weight in the what-if form: the default moves to the status quo.
  const updates = async () => Number((await page.locator("#timing").getAttribute("data-updates")) ?? "0");
  const before = await updates();
  await page.getByLabel("Weight: Prestige").fill("0.2");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") === "NN");
  check((await updates()) > before, "editing East's weight on prestige re-runs the analysis");
  check((await page.locator(".cm-content").innerText()).includes("prestige: 0.2}"), "the edit is written into the YAML in place");
  check((await page.locator("#summary").innerText()).includes("default NN"), "the default changes from YY to NN");
  await page.screenshot({ path: join(out, "workbench-weight-edited.png") });

  // The evolution graph and the ledger views.
  await page.getByRole("tab", { name: "Evolution graph" }).click();
  await page.getByLabel("Weight: Prestige").fill("1");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") === "YY");
  await page.waitForFunction(() => document.querySelector("#graph")?.getAttribute("data-nodes") === "3");
  check((await page.locator("#graph canvas").count()) > 0, "the evolution graph is drawn (3 states on the path)");
  check((await page.locator("#graph-steps li").count()) === 4, "the graph has a text alternative listing each move");
  await page.screenshot({ path: join(out, "workbench-graph.png") });
  await page.getByRole("tab", { name: "Ledger" }).focus();
  await page.keyboard.press("Enter");
  await page.locator("#panel-ledger svg").first().waitFor();
  check((await page.locator("#panel-ledger svg").count()) > 0, "the ledger view draws its charts");
  await page.screenshot({ path: join(out, "workbench-ledger.png") });
  await page.keyboard.press("ArrowLeft");
  check((await page.getByRole("tab", { name: "Evolution graph" }).getAttribute("aria-selected")) === "true", "the tabs follow the arrow keys");

  // What-if latency: repeated weight edits on this case, measured in the page.
  const latency = { small: await measure(page, "#w-east-prestige", 20) };

  // Introduce a YAML error and see its line marked.
  const lines = fixture.split("\n");
  const target = lines.findIndex((l) => l.startsWith("status_quo:")) + 1;
  await page.locator(".cm-line", { hasText: "status_quo:" }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Shift+Home");
  // One insertion, then wait until the update of that text has settled: a marked line from an
  // earlier, passing text (a slow machine typing key by key) is never read.
  await page.keyboard.insertText("status_quo: 7");
  await settled(page);
  await page.locator(".cm-mend-error-line").waitFor();
  const marked = await page.locator(".cm-mend-error-line").getAttribute("data-error-line");
  check(marked === String(target), `the error is marked on line ${target} (marked: ${marked})`);
  check((await page.locator(".cm-lintRange-error").count()) > 0, "the error span is underlined by the linter");
  const message = await page.locator("#validation").innerText();
  check(message.includes(`:${target}:`) && message.includes("status_quo"), `the message locates the error: ${message}`);
  check(await page.locator("#save-button").isDisabled(), "an invalid case cannot be saved");
  check(await page.locator("#dirty-marker").isVisible(), "the unsaved edits are marked");
  await page.screenshot({ path: join(out, "workbench-yaml-error.png") });

  // Fix it and save a version.
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector("#validation")?.classList.contains("valid"));
  await page.waitForFunction(() => !document.querySelector("#save-button")?.disabled);
  check((await page.locator(".cm-mend-error-line").count()) === 0, "fixing the YAML clears the mark");
  await page.getByLabel("Note for this version").fill("e2e: saved from the browser");
  await page.getByRole("button", { name: "Save version" }).click();
  await page.waitForFunction(() => /Saved version \d+/.test(document.querySelector("#save-status")?.textContent ?? ""));
  const history = await api(base, "GET", "/api/cases/whatif");
  check(history.json?.version === 2, `the save appended version 2 (latest: ${history.json?.version})`);
  await page.waitForFunction(() => document.querySelector("#save-button")?.disabled === true);
  check(await page.locator("#dirty-marker").isHidden(), "after saving, nothing is unsaved and Save is disabled");
  await page.locator("#history summary").click();
  await page.locator('#history-list button[data-version="2"]').waitFor();
  check((await page.locator("#history-list li").count()) === 2, "the history lists both versions");
  await page.locator('#history-list button[data-version="1"]').click();
  await page.waitForFunction(() => (document.querySelector("#case-name")?.textContent ?? "").includes("(v1)"));
  check((await page.locator(".cm-content").innerText()).includes("prestige: 1}"), "loading version 1 from the history restores its text");
  await page.waitForFunction(() => (document.querySelector("#export-link")?.getAttribute("href") ?? "").endsWith("version=1"));
  const exported = await fetch(new URL(await page.locator("#export-link").getAttribute("href"), base));
  check(exported.status === 200 && (await exported.text()) === fixture, "the export link gives version 1 byte for byte");

  // The ledger: load a case whose default is an arms race, edit a weight, see the ledger change.
  const arms = readFileSync(join(here, "fixtures", "arms.yaml"), "utf8");
  check((await api(base, "POST", "/api/cases/arms/versions", { source: arms })).status === 201, "the arms-race case is saved");
  const probe = await api(base, "POST", "/api/analyze", { source: arms });
  check(probe.status === 200, `POST /api/analyze answers (HTTP ${probe.status})`);
  await page.goto(`${base}/?case=arms`);
  await page.getByRole("tab", { name: "Ledger" }).click();
  const total = (actor) => page.locator(`#ledger-table tr.total[data-actor="${actor}"]`).getAttribute("data-total").then(Number);
  await page.locator('#ledger-table tr.total[data-actor="east"]').waitFor();
  check((await total("east")) === 2 && (await total("towns")) === 1, "the ledger shows what East (2) and the border towns (1) lose in the arms race");
  await page.getByLabel("Weight: Security").first().fill("0.6");
  await page.waitForFunction(() => Math.abs(Number(document.querySelector('#ledger-table tr.total[data-actor="east"]')?.getAttribute("data-total")) - 1.6) < 1e-9);
  check(Math.abs((await total("east")) - 1.6) < 1e-9, "lowering East's weight on security to 0.6 changes East's ledger total to 1.6");
  check((await page.locator("#ledger-plot svg").count()) > 0, "the ledger bars are drawn");
  await page.screenshot({ path: join(out, "workbench-ledger-edited.png") });

  // Import a case file from the library panel, then switch the sanction rule. Leaving the page
  // with the unsaved edit of the arms case asks first (the test's dialog handler accepts).
  const beforeLeaving = dialogs.length;
  await page.goto(`${base}/?case=whatif`);
  check(dialogs.slice(beforeLeaving).some((d) => d.type === "beforeunload"), "leaving the page with unsaved edits asks for confirmation");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") !== null);
  await page.locator("#import-file").setInputFiles({ name: "canal.yaml", mimeType: "application/yaml", buffer: Buffer.from(fixture.replace("id: whatif", "id: canal")) });
  await page.waitForFunction(() => document.querySelector('#case-list button[data-id="canal"]')?.getAttribute("aria-current") === "true");
  check((await page.locator("#import-status").innerText()).includes("Imported canal.yaml as canal v1"), "a case file imported from the library is stored and loaded");
  await page.locator("#import-file").setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from(fixture.replace("status_quo: {build: N, toll: N}", "status_quo: 7")) });
  await page.waitForFunction(() => (document.querySelector("#import-status")?.textContent ?? "").startsWith("Not imported"));
  check((await page.locator("#import-status").innerText()).includes("broken.yaml:16:"), "a broken file is refused with its located error");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") === "YY");
  const beforeSanctions = await updates();
  await page.getByLabel("Sanctions").selectOption("gmcr-plus");
  await page.waitForFunction((b) => Number(document.querySelector("#timing")?.getAttribute("data-updates")) > b, beforeSanctions);
  check((await page.locator("#summary").getAttribute("data-default")) === "YY", "the analysis re-runs under gmcr-plus sanctions");

  await checkAbsentKeyEdit(page);
  await checkUndoAndDrafts(page, dialogs, (answer) => (dialogAnswer = answer));

  // The lens views on a U.S.–Russia case (built in): perceptions, dynamics, viability, Monte
  // Carlo, the brief in Russian and the portfolio with linkage.
  await page.goto(`${base}/?case=incidents`);
  await page.waitForFunction(() => (document.querySelector("#summary")?.getAttribute("data-default") ?? "") !== "", undefined, { timeout: 60000 });
  await page.getByRole("tab", { name: "Perceptions" }).click();
  await page.locator("#perceptions-table tbody tr").first().waitFor({ timeout: 60000 });
  check((await page.locator("#perceptions-table tbody").innerText()).includes("risk (misread)"), "the perceptions view shows the misread weight on risk, perceived against actual");
  check((await page.locator("#perceptions-plot svg").count()) > 0, "the perceived and actual weights are drawn side by side");
  check((await page.locator("#perceptions-proposals").innerText()).includes("truly Pareto-improving"), "each proposal carries its reality check");
  await page.screenshot({ path: join(out, "workbench-perceptions.png") });
  await page.getByRole("tab", { name: "Dynamics" }).click();
  await page.locator("#dynamics-crises svg").first().waitFor({ timeout: 60000 });
  check((await page.locator("#dynamics-table tbody tr").count()) === 4, "the dynamics view has one row per κ (1, 1.5, 2, 3)");
  check((await page.locator("#dynamics-gains svg").count()) > 0, "the dynamics curves are drawn");
  await page.screenshot({ path: join(out, "workbench-dynamics.png") });
  await page.getByRole("tab", { name: "Viability" }).click();
  await page.locator("#viability-verdict").waitFor({ timeout: 60000 });
  check((await page.locator("#viability-proposal").inputValue()) !== "", "the viability view proposes the recommended alternative");
  check((await page.locator("#viability-table tbody tr").count()) >= 2, "the viability view has a persuasion gap per decider");
  {
    // A gap of 0 reads "no gap"; it is never drawn as a bar stretched over an empty axis.
    const gaps = await page.locator("#viability-table tbody tr").evaluateAll((rows) => rows.map((r) => r.children[6]?.textContent ?? ""));
    const zero = gaps.filter((g) => g === "0").length;
    const plot = await page.locator("#viability-plot").innerText();
    if (zero === gaps.length) check(plot.includes("No gap") && (await page.locator("#viability-plot svg").count()) === 0, `with every gap 0 the chart says "No gap" (gaps: ${gaps.join(", ")})`);
    else check(zero === 0 || (plot.match(/no gap/g) ?? []).length === zero, `each zero gap is labelled "no gap" (gaps: ${gaps.join(", ")})`);
  }
  await page.getByRole("tab", { name: "Monte Carlo" }).click();
  await page.getByLabel("Samples").fill("512");
  await page.locator("#mc-run").click();
  await page.locator("#mc-states svg").first().waitFor({ timeout: 60000 });
  check((await page.locator("#mc-progress").getAttribute("value")) === "1", "the Monte Carlo progress reaches the end");
  check((await page.locator("#mc-tornado svg").count()) > 0, "the tornado is drawn");
  {
    const bars = await page.locator('#mc-tornado svg g[aria-label="bar"] rect').count();
    check(bars > 0 && bars <= 10, `the tornado shows at most ten rows (${bars})`);
    const tornadoText = await page.locator("#mc-tornado").innerText();
    check(tornadoText.includes("→") && !/ledger\.[a-z]+\.total/.test(tornadoText), "the tornado names parameters and actors, not figure ids");
    check((await page.locator("#mc-histograms figure svg").count()) >= 2, "the Monte Carlo view draws a histogram per actor with figures");
    const flips = await page.locator("#mc-flips").innerText();
    check(flips.includes("No assumption flips the conclusion within its 5–95 % range") || flips.includes("an assumption flips a conclusion"), `the Monte Carlo view says whether an assumption flips the conclusion (${flips.slice(0, 120)})`);
  }
  await page.getByRole("tab", { name: "Brief" }).click();
  await page.getByLabel("Actor", { exact: true }).selectOption("ru");
  await page.getByLabel("Language", { exact: true }).selectOption("ru");
  await page.getByRole("button", { name: "Write the brief" }).click();
  await page.locator("#brief-frame").waitFor({ timeout: 60000 });
  check((await page.locator("#brief-frame").getAttribute("sandbox")) === "", "the HTML brief is shown in a frame sandboxed without scripts");
  const briefText = await page.frameLocator("#brief-frame").locator("body").innerText();
  check(/[а-яА-Я]/.test(briefText), "the Russian brief renders in Cyrillic");
  await page.screenshot({ path: join(out, "workbench-brief.png") });
  await page.getByRole("tab", { name: "Portfolio" }).click();
  const flagship = ["strategic-arms", "incidents", "investment", "nonproliferation", "space-station", "test-moratorium"];
  for (const id of flagship) await page.locator(`#portfolio-case-${id}`).check();
  await page.getByRole("button", { name: "Analyse the portfolio" }).click();
  await page.locator("#portfolio-issues tbody tr").first().waitFor({ timeout: 60000 });
  const rows = await page.locator("#portfolio-issues tbody tr").count();
  check(rows === flagship.length, `the portfolio view lists its ${flagship.length} issues (${rows})`);
  check((await page.locator("#portfolio-verdict").innerText()).includes("refused by us"), "the portfolio view says the U.S. refuses linkage");
  await checkViewsAtWidths(page, "incidents");
  const scripts = [...assets.keys()].filter((p) => p.endsWith(".js"));
  check(scripts.length >= 3, `the charts and the graph load as separate chunks when first needed (${scripts.join(", ")})`);
  if (!args.mock) {
    const notImmutable = [...assets].filter(([, c]) => !c.includes("immutable"));
    check(notImmutable.length === 0, `every hashed asset is cached as immutable${notImmutable.length ? `: not ${notImmutable.map(([p, c]) => `${p} (${c})`).join(", ")}` : ""}`);
  }
  await checkSwitchClears(page);
  await checkNewCase(page, base);

  // A 4,096-state case: 12 options, saved through the API, then the same what-if edits.
  const big = bigCase(6);
  const bigSaved = await api(base, "POST", "/api/cases/whatif-4096/versions", { source: big, message: "e2e latency case" });
  check(bigSaved.status === 201, "the 4,096-state case is saved");
  await page.goto(`${base}/?case=whatif-4096`);
  await page.waitForFunction(() => (document.querySelector("#validation")?.textContent ?? "").includes("4096 feasible states"), undefined, { timeout: 60000 });
  check(true, "the 4,096-state case loads and validates");
  latency.states4096 = await measure(page, "#w-east-prestige", 10);
  await page.screenshot({ path: join(out, "workbench-4096.png") });

  check(problems.length === 0, `no page errors or CSP violations${problems.length ? `: ${problems.join("; ")}` : ""}`);
  writeFileSync(join(out, "latency.json"), JSON.stringify(latency, null, 2) + "\n");
  process.stdout.write(`what-if latency (ms): ${JSON.stringify(latency)}\n`);
  process.stdout.write(`screenshots and latency.json in ${out}\n`);
}

/** Polls a condition of the test itself (not of the page) until it holds, for at most 15 s. */
async function until(condition, what) {
  const end = Date.now() + STEP_TIMEOUT;
  while (!condition()) {
    if (Date.now() > end) fail(`timed out waiting for ${what}`);
    await new Promise((resolveTick) => setTimeout(resolveTick, 10));
  }
}

/** Waits until no update is due or under way (#results data-pending is "false"). */
async function settled(page) {
  await page.waitForFunction(() => document.querySelector("#results")?.getAttribute("data-pending") === "false");
}

/** Option names of the Y letters of a pattern, from the case file's own options, in file order. */
function namesOf(source, pattern) {
  const doc = parseYaml(source);
  const options = Object.values(doc.options).flat();
  return options.filter((_, i) => pattern[i] === "Y").map((o) => o.name ?? o.id);
}

/** The page opens on the flagship portfolio; its headline names the default's and alternative's options. */
async function checkHeadline(page, base) {
  await page.waitForFunction(() => (document.querySelector("#headline-default")?.getAttribute("data-pattern") ?? "") !== "", undefined, { timeout: 60000 });
  const id = await page.locator("#case-list button[aria-current=true]").getAttribute("data-id");
  check(id === "strategic-arms", `the workbench opens on the flagship portfolio's first case (${id})`);
  check((await page.locator(".case-group-title").first().innerText()).includes("U.S.–Russia portfolio"), "the library is grouped, the portfolio first");
  const source = (await api(base, "GET", `/api/cases/${id}`)).json.source;
  const analysis = (await api(base, "POST", "/api/analyze", { source })).json;
  const def = analysis.default.pattern;
  const alt = analysis.alternative?.pattern;
  check((await page.locator("#headline-default").getAttribute("data-pattern")) === def, `the headline's default is the analysis's (${def})`);
  const defText = await page.locator("#headline-default").innerText();
  const defNames = namesOf(source, def);
  check(defNames.every((n) => defText.includes(n)), `the headline names the default's options: ${defNames.join(", ") || "(none taken)"}`);
  check(alt !== undefined && alt !== null, `the flagship case has an alternative (${alt})`);
  const altText = await page.locator("#headline-alternative").innerText();
  const altNames = namesOf(source, alt);
  check(altNames.length > 0 && altNames.every((n) => altText.includes(n)), `the headline names the alternative's options: ${altNames.join(", ")}`);
  check((await page.locator("#headline .headline-summary").innerText()).length > 20, "the case's own summary stands beside the headline");
  await page.waitForFunction(() => (document.querySelector("#headline-likelihood")?.textContent ?? "").includes("samples"), undefined, { timeout: 90000 });
  check((await page.locator("#headline-likelihood").innerText()).includes(`${def} is the default`), "the headline says how likely the default is (Monte Carlo)");
  await page.screenshot({ path: join(out, "workbench-headline.png") });
  check((await page.locator("#tableau-context").getAttribute("data-case")) === id, "the tableau says which case it shows");
}

/** What `mend explain` prints for one actor and state of a case text (the reference of the trace). */
function cliExplain(source, state, actor) {
  const file = join(workdir, "explain-case.yaml");
  writeFileSync(file, source);
  return execFileSync(mend, ["explain", file, "--state", state, "--actor", actor], { encoding: "utf8" });
}

/** Opens the trace of one actor's figure and waits until both utilities' traces are shown. */
async function openTrace(page, button, actor) {
  await button.click();
  await page.waitForFunction(
    (who) => {
      const dialog = document.querySelector("#trace-dialog");
      return dialog?.open && dialog.dataset.actor === who && dialog.getAttribute("aria-busy") === "false" && document.querySelectorAll("#trace-body pre.trace-text").length > 0;
    },
    actor,
    { timeout: 60000 },
  );
  return page.evaluate(() => [...document.querySelectorAll("#trace-body .trace-state")].map((s) => ({ state: s.getAttribute("data-state"), text: s.querySelector("pre")?.textContent ?? "", links: [...s.querySelectorAll(".trace-sources a")].map((a) => a.getAttribute("href")) })));
}

async function closeTrace(page) {
  await page.locator("#trace-dialog").getByRole("button", { name: "Close" }).click();
  await page.waitForFunction(() => !document.querySelector("#trace-dialog")?.open);
}

/** Clicking a gain in the headline, or a total of the ledger, shows its trace as `mend explain` prints it. */
async function checkTrace(page, base) {
  const id = await page.locator("#case-list button[aria-current=true]").getAttribute("data-id");
  const source = (await api(base, "GET", `/api/cases/${id}`)).json.source;
  const analysis = (await api(base, "POST", "/api/analyze", { source })).json;
  const expected = [analysis.alternative.pattern, analysis.default.pattern];
  const gain = page.locator("#headline-gains li[data-actor] button.trace-link").first();
  const actor = await gain.getAttribute("data-trace-actor");
  const shown = await openTrace(page, gain, actor);
  check(JSON.stringify(shown.map((s) => s.state)) === JSON.stringify(expected), `the trace of ${actor}'s gain shows the alternative and the default (${shown.map((s) => s.state).join(", ")})`);
  for (const s of shown) {
    const cli = cliExplain(source, s.state, actor);
    check(s.text === cli, `the trace of ${actor} at ${s.state} is the text mend explain prints (${cli.split("\n").length} lines)`);
    const urls = [...cli.matchAll(/<(https?:[^>]+)>/g)].map((m) => m[1]);
    check(urls.every((u) => s.links.includes(u)), `each source address the trace cites is a link (${urls.length})`);
  }
  await page.screenshot({ path: join(out, "workbench-trace.png") });
  await closeTrace(page);
  await page.getByRole("tab", { name: "Ledger" }).click();
  const total = page.locator(`#ledger-table tr.total[data-actor="${actor}"] button.trace-link`);
  await total.waitFor({ timeout: 60000 });
  const fromLedger = await openTrace(page, total, actor);
  check(fromLedger.length === 2 && fromLedger[0].text === shown[0].text && fromLedger[1].text === shown[1].text, `the ledger's total for ${actor} opens the same trace`);
  await closeTrace(page);
  await page.getByRole("tab", { name: "Tableau" }).click();
}

/** Every glossary term links to its definition on the page mend serves from docs/analyses.md. */
async function checkGlossary(page, base) {
  await page.locator("#glossary summary").click();
  await page.waitForFunction(() => document.querySelector("#glossary")?.open === true);
  const links = await page.evaluate(() => [...document.querySelectorAll("#glossary dt a")].map((a) => ({ term: a.textContent, href: a.getAttribute("href") })));
  check(links.length >= 8 && links.some((l) => l.term === "SEQ") && links.some((l) => l.term === "Hypergame"), `the glossary's terms are links (${links.map((l) => l.term).join(", ")})`);
  const pages = new Map();
  for (const { term, href } of links) {
    const [path, anchor] = href.split("#");
    if (!pages.has(path)) {
      const response = await fetch(`${base}${path}`);
      pages.set(path, { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() });
    }
    const served = pages.get(path);
    check(served.status === 200 && served.type.startsWith("text/html") && anchor && served.text.includes(`id="${anchor}"`), `${term} links to a definition the server has (${href})`);
  }
  // Following one link in the browser lands on the definition.
  const [opened] = await Promise.all([page.context().waitForEvent("page"), page.locator("#glossary dt a", { hasText: "SEQ" }).click()]);
  await opened.waitForFunction(() => location.hash !== "" && document.getElementById(decodeURIComponent(location.hash.slice(1))) !== null);
  check((await opened.locator(":target").innerText()).length > 0, `the SEQ link opens the definitions at its heading (${opened.url().replace(base, "")})`);
  await opened.close();
  await page.locator("#glossary summary").click();
  await page.waitForFunction(() => document.querySelector("#glossary")?.open === false);
}

/** A what-if on an absent key (λ) inserts one line's worth of change; the reset removes it again. */
async function checkAbsentKeyEdit(page) {
  await page.goto(page.url().replace(/\?.*$/, "") + "?case=whatif");
  await page.waitForFunction(() => document.querySelector("#summary")?.getAttribute("data-default") === "YY");
  const before = await editorText(page);
  check(!/loss_aversion/.test(before), "the what-if case has no loss aversion λ for East");
  check((await page.locator("#ref-east").innerText()).includes("absolute"), "East's utilities are shown as absolute");
  await page.locator("#lambda-east").fill("2");
  await page.waitForFunction(() => (document.querySelector("#ref-east")?.textContent ?? "").includes("relative to the status quo"));
  const after = await editorText(page);
  const a = before.split("\n");
  const b = after.split("\n");
  const changed = b.filter((line, i) => line !== a[i]);
  check(a.length === b.length && changed.length === 1 && changed[0].includes("loss_aversion: 2"), `setting λ changes exactly one line (${changed.length} changed: ${changed.join(" | ")})`);
  await page.locator("#reset-ref-east").click();
  await page.waitForFunction(() => (document.querySelector("#ref-east")?.textContent ?? "").includes("absolute"));
  check((await editorText(page)) === before, "the reset removes the key: the text is as before");
  await settled(page);
}

async function editorText(page) {
  return page.evaluate(() => Array.from(document.querySelectorAll(".cm-content .cm-line")).map((l) => l.textContent).join("\n"));
}

/** Undo stays within a case; switching with unsaved edits asks first and keeps a draft. */
async function checkUndoAndDrafts(page, dialogs, answer) {
  const url = page.url().replace(/\?.*$/, "");
  await page.goto(`${url}?case=canal`);
  await page.waitForFunction(() => document.querySelector("#validation")?.classList.contains("valid"));
  await settled(page);
  check(await page.locator("#save-button").isDisabled(), "Save is disabled while nothing is edited");
  await page.getByLabel("Weight: Prestige").fill("3");
  await page.waitForFunction(() => !document.querySelector("#dirty-marker")?.hidden);
  check(await page.locator("#save-button").isEnabled(), "an edit marks the case as unsaved and enables Save");
  const canalEdited = await editorText(page);

  // Dismissing the confirmation keeps the case open.
  answer("dismiss");
  const seen = dialogs.length;
  await page.locator('#case-list button[data-id="whatif"]').click();
  await until(() => dialogs.length > seen, "the confirmation dialog");
  check(await page.evaluate(() => document.title.startsWith("•")), "the page title marks the unsaved edits");
  check(dialogs.length === seen + 1 && dialogs[seen].type === "confirm" && dialogs[seen].message.includes("unsaved edits"), "switching with unsaved edits asks for confirmation");
  check((await page.locator('#case-list button[data-id="canal"]').getAttribute("aria-current")) === "true" && (await editorText(page)) === canalEdited, "declining keeps the case and its edits");

  // Accepting switches; the new case's undo history is its own.
  answer("accept");
  await page.locator('#case-list button[data-id="whatif"]').click();
  await page.waitForFunction(() => document.querySelector('#case-list button[data-id="whatif"]')?.getAttribute("aria-current") === "true");
  await settled(page);
  const whatifText = await editorText(page);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  check((await editorText(page)) === whatifText, "Ctrl+Z after opening another case does not bring back the previous case's text");
  check(await page.locator("#dirty-marker").isHidden(), "the newly opened case has no unsaved edits");

  // Back to the first case: its draft comes back from the browser, and can be discarded.
  await page.locator('#case-list button[data-id="canal"]').click();
  await page.locator("#draft-notice").waitFor({ state: "visible" });
  check((await editorText(page)) === canalEdited, "the draft of unsaved edits comes back when the case is opened again");
  await page.locator("#draft-discard").click();
  await page.waitForFunction(() => document.querySelector("#dirty-marker")?.hidden === true);
  check(!(await editorText(page)).includes("prestige: 3"), "discarding the draft restores the stored text");
  await settled(page);
}

/** Every view at 1440 and 390 px: a screenshot, and no sideways scrolling of the page. */
async function checkViewsAtWidths(page, caseId) {
  const views = ["tableau", "graph", "ledger", "perceptions", "viability", "dynamics", "montecarlo", "portfolio", "brief"];
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    if (width < 800) {
      await page.locator('.pane-switch button[data-pane="results"]').click();
      // The headline folds to one line on a narrow screen and opens on a tap.
      await page.waitForFunction(() => document.querySelector("#headline-fold")?.open === false);
      check(await page.locator("#headline-fold > summary").isVisible(), "at 390 px the headline is folded to one line");
      await page.locator("#headline-fold > summary").click();
      await page.waitForFunction(() => document.querySelector("#headline-fold")?.open === true);
      check(await page.locator("#headline-card").isVisible(), "a tap on the folded headline opens it");
      await page.locator("#headline-fold > summary").click();
    } else {
      await page.waitForFunction(() => document.querySelector("#headline-fold")?.open === true);
      check(!(await page.locator("#headline-fold > summary").isVisible()), "at 1440 px the headline is open, with no fold line");
    }
    for (const view of views) {
      await page.locator(`#tab-${view}`).click();
      await page.locator(`#panel-${view}`).waitFor({ state: "visible" });
      await settled(page);
      await page.waitForFunction(() => document.querySelectorAll("#results [aria-busy=true]").length === 0, undefined, { timeout: 60000 });
      const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      await page.screenshot({ path: join(out, `view-${view}-${width}.png`), fullPage: false });
      check(w.scroll <= w.client, `${caseId}, ${view} at ${width} px: no sideways scrolling (${w.scroll} <= ${w.client})`);
    }
    if (width < 800) {
      for (const pane of ["library", "editor"]) {
        await page.locator(`.pane-switch button[data-pane="${pane}"]`).click();
        await page.locator(pane === "library" ? "#library" : "#editor-panel").waitFor({ state: "visible" });
        const w = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
        await page.screenshot({ path: join(out, `pane-${pane}-${width}.png`) });
        check(w.scroll <= w.client, `the ${pane} pane at ${width} px: no sideways scrolling (${w.scroll} <= ${w.client})`);
      }
      await page.locator('.pane-switch button[data-pane="results"]').click();
    }
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Opening another case empties every view of the previous one; each view says which case it shows. */
async function checkSwitchClears(page) {
  check((await page.locator("#mc-view svg").count()) > 0 && (await page.locator("#dynamics-view svg").count()) > 0, "before the switch, Monte Carlo and Dynamics show the incidents case");
  await page.locator('#case-list button[data-id="whatif"]').click();
  await page.waitForFunction(() => document.querySelector('#case-list button[data-id="whatif"]')?.getAttribute("aria-current") === "true");
  check((await page.locator("#mc-view *").count()) === 0 && (await page.locator("#montecarlo-context").innerText()) === "", "switching case clears the Monte Carlo view");
  check((await page.locator("#viability-view *").count()) === 0 && (await page.locator("#perceptions-view *").count()) === 0 && (await page.locator("#brief-view *").count()) === 0, "switching case clears the viability, perceptions and brief views");
  await page.locator("#tab-dynamics").click();
  await page.waitForFunction(() => document.querySelector("#dynamics-context")?.getAttribute("data-case") === "whatif" || (document.querySelector("#dynamics-status")?.textContent ?? "") !== "", undefined, { timeout: 60000 });
  const dyn = await page.locator("#dynamics-view").innerText();
  check(!dyn.includes("incidents"), "the Dynamics view no longer shows the incidents case");
  await page.locator("#tab-tableau").click();
  await page.waitForFunction(() => document.querySelector("#tableau-context")?.getAttribute("data-case") === "whatif");
  check((await page.locator("#tableau-context").innerText()).includes("whatif v"), "the tableau says which case and version it shows");
}

/** A new case from a template, then "Save as a new case"; an id in use is refused. */
async function checkNewCase(page, base) {
  await page.locator("#new-case summary").click();
  await page.getByLabel("Id (a-z, 0-9, -)").fill("incidents");
  await page.getByRole("button", { name: "Create and open" }).click();
  await page.waitForFunction(() => (document.querySelector("#new-case-status")?.textContent ?? "").includes("already exists"));
  check(true, "a new case with an id in use is refused before saving");
  // Someone else creates an id after the library was listed: the create-only save stores nothing.
  const template = await api(base, "GET", "/api/cases/whatif");
  const raced = await api(base, "POST", "/api/cases", { source: template.json.source.replace(/^id: .*$/m, "id: e2e-raced"), message: "created elsewhere" });
  check(raced.status === 201, "another client creates e2e-raced behind the workbench's back");
  await page.locator("#new-case-template").selectOption("two-sides");
  await page.getByLabel("Id (a-z, 0-9, -)").fill("e2e-raced");
  await page.getByRole("button", { name: "Create and open" }).click();
  await page.waitForFunction(() => (document.querySelector("#new-case-status")?.textContent ?? "").includes("created meanwhile"), undefined, { timeout: 60000 });
  const racedVersions = await api(base, "GET", "/api/cases/e2e-raced/versions");
  check(racedVersions.json.versions.length === 1 && (await page.locator("#new-case-status").innerText()).includes("'e2e-raced' already exists"), "a new case whose id was created meanwhile is refused by the server (409) and adds no version");
  await page.getByLabel("Id (a-z, 0-9, -)").fill("e2e-new");
  await page.locator("#new-case-title").fill("E2E new case");
  await page.getByRole("button", { name: "Create and open" }).click();
  await page.waitForFunction(() => document.querySelector('#case-list button[data-id="e2e-new"]')?.getAttribute("aria-current") === "true", undefined, { timeout: 60000 });
  await page.waitForFunction(() => (document.querySelector("#validation")?.textContent ?? "").includes("feasible states"), undefined, { timeout: 60000 });
  check((await page.locator("#case-name").innerText()).includes("E2E new case (v1)"), "the new case from the template is created, opened and valid");
  await page.locator("#save-as summary").click();
  // The suggestion is filled by the details element's toggle event, which the browser fires in a later task.
  await page.waitForFunction(() => (document.querySelector("#save-as-id")?.value ?? "") !== "");
  check((await page.locator("#save-as-id").inputValue()) === "e2e-new-copy", "save as suggests a free id");
  await page.locator("#save-as-title").fill("E2E copy");
  await page.getByRole("button", { name: "Save as new case" }).click();
  await page.waitForFunction(() => document.querySelector('#case-list button[data-id="e2e-new-copy"]')?.getAttribute("aria-current") === "true", undefined, { timeout: 60000 });
  const copy = await api(base, "GET", "/api/cases/e2e-new-copy");
  check(copy.status === 200 && copy.json.version === 1 && copy.json.source.includes("id: e2e-new-copy") && copy.json.title === "E2E copy", "save as stores the text as version 1 of a new case with its new id and title");
  const original = await api(base, "GET", "/api/cases/e2e-new");
  check(original.status === 200 && original.json.version === 1, "save as leaves the original case as it was");
  // The runs panel: store an analysis of the open version, then list it with its id.
  await page.locator("#runs summary").click();
  await page.waitForFunction(() => (document.querySelector("#runs-list")?.textContent ?? "").includes("No stored runs"));
  await page.locator("#runs-command").selectOption("analyze");
  await page.getByRole("button", { name: "Run and store" }).click();
  await page.locator("#runs-list li[data-run]").first().waitFor({ timeout: 60000 });
  const stored = await api(base, "GET", "/api/cases/e2e-new-copy/runs");
  const runId = stored.json?.runs?.[0]?.id;
  check(typeof runId === "number" && (await page.locator("#runs-list .run-id").first().innerText()) === `#${runId}`, `the runs panel lists the stored run with its id (#${runId})`);
  check((await page.locator("#runs-status").innerText()).includes(`run ${runId}`), "storing a run says its id");
  // Removing it, after the confirmation (accepted by the page's dialog policy), deletes it from
  // the store and from the list.
  await page.locator(`#runs-list button.run-remove[data-run="${runId}"]`).click();
  await page.waitForFunction((id) => (document.querySelector("#runs-status")?.textContent ?? "").includes(`Removed run ${id}.`), runId, { timeout: 60000 });
  const removed = await api(base, "GET", `/api/runs/${runId}`);
  check(removed.status === 404 && (await page.locator("#runs-list li[data-run]").count()) === 0, `removing run ${runId} deletes it from the store and the list`);
}

/** Sets the weight repeatedly and records the page's own update time and the time to render. */
async function measure(page, selector, rounds) {
  const inPage = [];
  const roundTrip = [];
  const server = [];
  const render = [];
  for (let i = 0; i < rounds; i++) {
    const value = (i % 2 === 0 ? 0.5 : 1.5) + i / 1000;
    const before = Number((await page.locator("#timing").getAttribute("data-updates")) ?? "0");
    const ms = await page.evaluate(
      ({ selector, value, before }) =>
        new Promise((done) => {
          const input = document.querySelector(selector);
          const t0 = performance.now();
          const observer = new MutationObserver(() => {
            const timing = document.querySelector("#timing");
            if (Number(timing.getAttribute("data-updates")) > before) {
              observer.disconnect();
              done(performance.now() - t0);
            }
          });
          observer.observe(document.querySelector("#timing"), { attributes: true });
          input.value = String(value);
          input.dispatchEvent(new Event("input", { bubbles: true }));
        }),
      { selector, value, before },
    );
    roundTrip.push(ms);
    inPage.push(Number(await page.locator("#timing").getAttribute("data-ms")));
    server.push(Number(await page.locator("#timing").getAttribute("data-server-ms")));
    render.push(Number(await page.locator("#timing").getAttribute("data-render-ms")));
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { median: round(s[Math.floor(s.length / 2)]), p90: round(s[Math.min(s.length - 1, Math.ceil(0.9 * s.length) - 1)]), max: round(s.at(-1)) };
  };
  return { rounds, update: stats(inPage), api_answers: stats(server), render: stats(render), input_to_render: stats(roundTrip) };
}

const round = (x) => Math.round(x * 10) / 10;

main()
  .then(() => process.stdout.write("workbench e2e: PASS\n"))
  .catch((e) => {
    if (!process.exitCode) process.stderr.write(`workbench e2e: FAIL: ${e.stack ?? e}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    cleanup();
  });
