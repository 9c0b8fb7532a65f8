// `mend report` opened in a real browser: Debian's chromium, driven by playwright-core from the
// web workbench's node_modules, loads the self-contained report from a file:// URL with every
// network request refused, and checks that the summary, the open briefs and the annex come in
// that order, that the charts rendered (tableau, split when wide so none is clipped, evolution
// graph, ledger bars, briefs), that nothing was logged to the console as an error, and that a case full of
// hostile strings shows them as text without running any script. Screenshots go to --out.
//
// node tests/integration/report_browser_test.mjs --mend PATH --bundle PATH --source DIR --out DIR
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const args = {};
for (let i = 2; i < process.argv.length; i += 2) args[process.argv[i].replace(/^--/, "")] = process.argv[i + 1];
const die = (message) => {
  console.error(`report_browser_test: ${message}`);
  process.exit(1);
};
for (const key of ["mend", "bundle", "source", "out"]) if (!args[key]) die(`missing --${key}`);
const chromiumPath = args.chromium ?? process.env.MEND_CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) die(`chromium not found at ${chromiumPath} (scripts/install-deps.sh installs it)`);
if (!existsSync(args.bundle)) die(`no chart bundle at ${args.bundle}: run npm run build:report in web/`);
mkdirSync(args.out, { recursive: true });
const { chromium } = await import(pathToFileURL(join(args.source, "web/node_modules/playwright-core/index.mjs")).href);

const hostile = '"<script>alert(1)</script> <img src=x onerror=alert(2)> *b*"';
const hostileCase = `mend: 1
id: hostile
title: ${hostile}
summary: ${hostile}
sources:
  - {id: s1, cite: ${hostile}, url: ${hostile}}
actors:
  - {id: us, name: ${hostile}, role: decider, language: en}
  - {id: ru, name: ${hostile}, role: decider, language: ru}
dimensions:
  - {id: budget, name: ${hostile}, unit: ${hostile}}
options:
  us:
    - {id: us_restrain, name: ${hostile}}
  ru:
    - {id: ru_restrain, name: ${hostile}}
status_quo: NN
effects:
  - when: {us_restrain: Y}
    us: {budget: 20}
    ru: {budget: -5}
    source: s1
  - when: {ru_restrain: Y}
    ru: {budget: 15}
    us: {budget: -5}
valuation:
  us: {weights: {budget: 1}}
  ru: {weights: {budget: 1}}
`;
const hostilePath = join(args.out, "hostile.yaml");
writeFileSync(hostilePath, hostileCase);

const reports = [
  { name: "us-russia-portfolio", input: join(args.source, "cases/us-russia/portfolio.yaml") },
  { name: "us-russia-portfolio-ru", input: join(args.source, "cases/us-russia/portfolio.yaml"), lang: "ru" },
  { name: "incidents", input: join(args.source, "cases/us-russia/incidents.yaml") },
  { name: "hostile", input: hostilePath },
];
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const failures = [];
try {
  for (const report of reports) {
    const html = join(args.out, `${report.name}.html`);
    execFileSync(args.mend, ["report", report.input, "-o", html, "--bundle", args.bundle, ...(report.lang ? ["--lang", report.lang] : [])], { stdio: "inherit" });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("dialog", async (d) => {
      problems.push(`a script opened a dialog: ${d.message()}`);
      await d.dismiss();
    });
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
      problems.push(`network request attempted: ${url}`);
      return route.abort();
    });
    await page.goto(pathToFileURL(html).href);
    await page.waitForSelector("#report[data-rendered=true]", { timeout: 20000 }).catch(() => problems.push("the report never finished rendering"));
    const counts = await page.evaluate(() => ({
      cases: document.querySelectorAll("section.case").length,
      expected: Number(document.getElementById("report")?.dataset.cases ?? "0"),
      // A wide tableau is split into parts: count the cases that show one.
      tableaux: [...document.querySelectorAll("section.case .tableau-host")].filter((h) => h.querySelector("table.tableau")).length,
      clipped: [...document.querySelectorAll("section.case .table-scroll")].filter((s) => s.scrollWidth > s.clientWidth + 1).length,
      graphs: [...document.querySelectorAll("section.case .graph")].filter((g) => g.querySelector("canvas") && Number(g.dataset.nodes) > 0).length,
      ledgers: document.querySelectorAll("section.case .ledger-host svg").length,
      ranges: document.querySelectorAll("section.case figure.mc-ranges svg").length,
      histograms: document.querySelectorAll("section.case figure.mc-histogram svg").length,
      tornadoes: document.querySelectorAll("section.case figure.tornado svg").length,
      briefs: document.querySelectorAll("#briefs article.brief h1").length,
      folded: document.querySelectorAll("details:not([open])").length,
      order: ["summary", "briefs", "annex"].map((id) => document.getElementById(id)).every((e, i, all) => e && (i === 0 || all[i - 1].compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)),
      injected: document.querySelectorAll("section.case img, .brief script, #report img").length,
      titleText: document.querySelector("section.case h2")?.textContent ?? "",
    }));
    const check = (ok, message) => {
      if (!ok) problems.push(message);
    };
    check(counts.cases > 0 && counts.cases === counts.expected, `rendered ${counts.cases} of ${counts.expected} cases`);
    check(counts.tableaux === counts.cases, `${counts.tableaux} tableaux for ${counts.cases} cases`);
    check(counts.graphs === counts.cases, `${counts.graphs} evolution graphs drawn for ${counts.cases} cases`);
    check(counts.ledgers >= 1, "no ledger chart (svg) rendered");
    // The shipped cases are sampled by default (2,000 samples): ranges, histograms and tornado.
    if (report.name !== "hostile") {
      check(counts.ranges >= 1, "no Monte Carlo ledger ranges drawn");
      check(counts.histograms >= 2, `${counts.histograms} Monte Carlo histograms drawn`);
      check(counts.tornadoes >= 1, "no tornado drawn");
    }
    check(counts.briefs >= 2 * counts.cases, `${counts.briefs} briefs for ${counts.cases} cases`);
    check(counts.folded === 0, `${counts.folded} folded <details>`);
    check(counts.clipped === 0, `${counts.clipped} tableaux wider than the page`);
    check(counts.order, "the summary, the briefs and the annex are not in that order");
    check(counts.injected === 0, `${counts.injected} injected elements from case strings`);
    if (report.name === "hostile") check(counts.titleText.includes("<script>alert(1)</script>"), `hostile title not shown as text: ${counts.titleText}`);
    // The annex's own words (the shared tableau and ledger views, the charts' captions and axes)
    // and the summary's linkage sentence: in a Russian report, no English phrase of a template
    // (three English words in a row, once the case's own strings are set aside); in the English
    // report the same reading finds them, so the check is not vacuous.
    if (report.name.startsWith("us-russia-portfolio")) {
      const english = await page.evaluate(() => {
        const data = JSON.parse(document.getElementById("mend-report-data")?.textContent ?? "{}");
        const own = new Set();
        for (const c of data.cases ?? []) {
          own.add(c.title);
          for (const names of [c.option_names, c.actor_names]) for (const n of Object.values(names ?? {})) own.add(n);
        }
        const selectors = "section.case caption, section.case h3, section.case .legend, section.case .note, section.case thead th, section.case tr.group th, section.case figcaption, section.case g[aria-label$='axis label'] text, section.case td:nth-child(2), .linkage-summary";
        const texts = [...document.querySelectorAll(selectors)].filter((e) => !e.closest(".brief-host")).map((e) => e.textContent ?? "");
        const runs = [];
        for (let text of texts) {
          for (const n of [...own].sort((a, b) => b.length - a.length)) if (n) text = text.split(n).join(" ");
          text = text.replace(/\b[YN]+\b/g, " ").replace(/\b(Nash|GMR|SMR|SEQ)\b/g, " ");
          const run = /[A-Za-z']{2,}(?:[\s,.;:()–-]+[A-Za-z']{2,}){2,}/.exec(text);
          if (run) runs.push(run[0]);
        }
        return { count: texts.length, runs };
      });
      check(english.count > 10, `only ${english.count} annex texts read`);
      if (report.lang === "ru") check(english.runs.length === 0, `English template words in the Russian report: ${english.runs.slice(0, 5).join(" | ")}`);
      else check(english.runs.length > 10, `the English report's template words were not found (${english.runs.length})`);
    }
    await page.screenshot({ path: join(args.out, `${report.name}.png`), fullPage: true });
    await page.close();
    console.log(`report_browser_test: ${report.name}: ${JSON.stringify(counts)}${problems.length ? " FAILED" : " ok"}`);
    for (const p of problems) failures.push(`${report.name}: ${p}`);
  }
} finally {
  await browser.close();
}
if (failures.length > 0) die(failures.join("\n"));
console.log(`report_browser_test: screenshots in ${args.out}`);
