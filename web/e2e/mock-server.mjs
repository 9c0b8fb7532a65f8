// A development stand-in for `mend serve`: the documented API (docs/api.md) for the endpoints the
// workbench uses, answered by running the mend CLI. Only for working on the front end while the
// real server is not available; the end-to-end test runs against `mend serve` itself.
// Usage: node e2e/mock-server.mjs MEND_BINARY CASES_DIR STATIC_DIR [PORT]
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";

const [mend, casesDir, staticDir, port = "0"] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "mend-mock-"));
const cases = new Map(); // id -> [{version, source, title, created_at, message}]

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith(".yaml")) {
      const source = readFileSync(path, "utf8");
      const id = /^id:\s*(\S+)/m.exec(source)?.[1];
      const title = /^title:\s*(.+)$/m.exec(source)?.[1] ?? id;
      if (id) cases.set(id, [{ version: 1, source, title, created_at: new Date().toISOString(), message: "", origin: `builtin:${name}` }]);
    }
  }
}
walk(casesDir);

let counter = 0;
function run(args, source) {
  const dir = join(work, String(++counter));
  mkdirSync(dir);
  const file = join(dir, "case.yaml");
  writeFileSync(file, source);
  return new Promise((resolve) => {
    execFile(mend, [...args, file], { cwd: dir, maxBuffer: 64 << 20 }, (error, stdout, stderr) => resolve({ code: error ? error.code ?? 1 : 0, stdout, stderr }));
  });
}

function located(stderr) {
  const line = stderr.split("\n").find((l) => l.includes("error:")) ?? stderr.trim();
  const m = /^(.*?):(\d+):(\d+): error: (.*)$/.exec(line);
  if (!m) return { code: "invalid-argument", message: line, text: line };
  const message = m[4];
  const key = message.includes(": ") ? message.slice(0, message.indexOf(": ")) : undefined;
  return { code: "invalid-argument", message, file: "case.yaml", line: Number(m[2]), column: Number(m[3]), key, text: line.replace(/^.*?case\.yaml/, "case.yaml") };
}

function send(res, status, body, type = "application/json") {
  res.writeHead(status, { "Content-Type": type, "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'" });
  res.end(typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml" };

const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const url = new URL(req.url, "http://x");
  const path = url.pathname;
  let body = {};
  try { body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {}; } catch { return send(res, 400, { error: { code: "invalid-argument", message: "malformed JSON", text: "malformed JSON" } }); }
  const latest = (id) => cases.get(id)?.at(-1);
  if (path === "/api/health") return send(res, 200, { status: "ok", mend_version: "mock", schema_version: 0, cases: cases.size });
  if (path === "/api/cases" && req.method === "GET") return send(res, 200, { cases: [...cases.keys()].sort().map((id) => ({ id, title: latest(id).title, latest_version: latest(id).version, versions: cases.get(id).length })) });
  let m = /^\/api\/cases\/([A-Za-z_][\w-]*)$/.exec(path);
  if (m && req.method === "GET") { const v = latest(m[1]); return v ? send(res, 200, { id: m[1], ...v }) : send(res, 404, { error: { code: "not-found", message: "no such case", text: "no such case" } }); }
  m = /^\/api\/cases\/([A-Za-z_][\w-]*)\/versions$/.exec(path);
  if (m && req.method === "POST") {
    const r = await run(["validate"], body.source ?? "");
    if (r.code !== 0) return send(res, 400, { error: located(r.stderr) });
    const list = cases.get(m[1]) ?? [];
    const v = { version: list.length + 1, source: body.source, title: /^title:\s*(.+)$/m.exec(body.source)?.[1] ?? m[1], message: body.message ?? "", created_at: new Date().toISOString(), origin: "api" };
    cases.set(m[1], [...list, v]);
    return send(res, 201, { id: m[1], version: v.version, created: list.length === 0, created_at: v.created_at, checksum: "mock" });
  }
  if (path === "/api/validate") {
    const r = await run(["validate"], body.source ?? "");
    if (r.code !== 0) return send(res, 200, { valid: false, errors: [located(r.stderr)] });
    const s = await run(["states", "--format", "json"], body.source);
    const states = JSON.parse(s.stdout);
    return send(res, 200, { valid: true, kind: "case", id: states.case, options: states.options.length, states: states.states.length, errors: [] });
  }
  if (path === "/api/states" || path === "/api/stability") {
    const args = path === "/api/states" ? ["states", "--format", "json"] : ["stability", "--format", "json", "--sanctions", body.sanctions ?? "textbook"];
    const r = await run(args, body.source ?? "");
    return r.code === 0 ? send(res, 200, r.stdout) : send(res, 400, { error: located(r.stderr) });
  }
  if (path === "/api/analyze") {
    const r = await run(["analyze", "--format", "json", "--sanctions", body.sanctions ?? "textbook"], body.source ?? "");
    return r.code === 0 ? send(res, 200, r.stdout) : send(res, 400, { error: located(r.stderr) });
  }
  if (path.startsWith("/api/")) return send(res, 404, { error: { code: "not-found", message: "no route", text: "no route" } });
  const file = normalize(join(staticDir, path === "/" ? "index.html" : path));
  if (!file.startsWith(normalize(staticDir))) return send(res, 404, "");
  try { return send(res, 200, readFileSync(file), TYPES[extname(file)] ?? "application/octet-stream"); } catch { return send(res, 404, { error: { code: "not-found", message: "no file", text: "no file" } }); }
});
server.listen(Number(port), "127.0.0.1", () => {
  process.stderr.write(`mend: serving http://127.0.0.1:${server.address().port} (workspace mock)\n`);
});
