import { describe, expect, it } from "vitest";
import { ApiError, Client, parseAnalyze, parseCaseList, parseErrorBody, parseStability, parseStates, parseValidation } from "./api";

const stabilityJson = {
  case: "chicken",
  stability: { nash: { p1: ["YN", "NY"], p2: ["YN", "NY"] }, seq: { p1: ["YN"], p2: ["NY"] } },
  equilibria: { nash: ["YN", "NY"], seq: [] },
  status_quo: "NN",
  default: { pattern: "YN", path: ["NN", "YN"], cycle: false, explicit: false },
  reachable_equilibria: { nash: ["YN"] },
  sanctions: "textbook",
};

describe("parsing", () => {
  it("reads a located validation error", () => {
    const v = parseValidation({
      valid: false,
      errors: [{ code: "invalid-argument", message: "m", file: "case.yaml", line: 14, column: 3, key: "preferences.p1", text: "case.yaml:14:3: error: m" }],
    });
    expect(v.valid).toBe(false);
    if (!v.valid) expect(v.errors[0]).toMatchObject({ line: 14, column: 3, key: "preferences.p1" });
  });
  it("reads a valid validation and never returns an invalid result without errors", () => {
    expect(parseValidation({ valid: true, kind: "case", id: "x", options: 2, states: 4, errors: [] })).toMatchObject({ valid: true, states: 4 });
    const v = parseValidation({ valid: false });
    expect(v.valid === false && v.errors.length).toBe(1);
    expect(() => parseValidation({})).toThrow(/unexpected response/);
  });
  it("reads states and stability", () => {
    const s = parseStates({ case: "chicken", options: ["d1", "d2"], states: [{ number: 1, pattern: "NN", utility: { p1: 3, p2: "x" } }] });
    expect(s.states[0].utility).toEqual({ p1: 3 });
    const st = parseStability(stabilityJson);
    expect(st.default).toEqual({ pattern: "YN", path: ["NN", "YN"], cycle: false, explicit: false });
    expect(Object.keys(st.stability)).toEqual(["nash", "seq"]);
    expect(parseStability({ ...stabilityJson, default: { pattern: null, path: ["A", "B", "A"], cycle: true } }).default.pattern).toBeNull();
  });
  it("reads the analysis ledger when present and tolerates its absence", () => {
    const a = parseAnalyze({
      ...stabilityJson,
      alternative: { pattern: "NN", self_enforcing: true, rule: "nash-product" },
      ledger: { p1: { total: 12.5, dimensions: { budget: { natural: 10, weighted: 10, unit: "USD bn/yr" }, bad: "x" } } },
      unnecessary_loss: { p1: 12.5 },
    });
    expect(a.alternative?.pattern).toBe("NN");
    expect(a.ledger?.p1.dimensions.budget).toMatchObject({ natural: 10, unit: "USD bn/yr" });
    expect(Object.keys(a.ledger?.p1.dimensions ?? {})).toEqual(["budget"]);
    const none = parseAnalyze({ ...stabilityJson, alternative: null });
    expect(none.alternative).toBeNull();
    expect(none.ledger).toBeUndefined();
  });
  it("reads the case library", () => {
    expect(parseCaseList({ cases: [{ id: "chicken", latest_version: 2, versions: 2 }] })[0]).toMatchObject({ id: "chicken", title: "chicken", versions: 2 });
  });
  it("turns error bodies into ApiError, documented or not", () => {
    const e = parseErrorBody(400, JSON.stringify({ error: { code: "invalid-argument", message: "bad", line: 3, text: "t" } }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.detail).toMatchObject({ code: "invalid-argument", line: 3 });
    expect(parseErrorBody(502, "<html>Bad gateway</html>").detail.code).toBe("internal");
    expect(parseErrorBody(404, "").detail).toMatchObject({ code: "not-found", message: "HTTP 404" });
  });
});

describe("Client", () => {
  const respond = (status: number, body: unknown) =>
    (async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })) as unknown as typeof fetch;
  it("raises a 404 from analyze as an error (the route always exists)", async () => {
    const client = new Client("", respond(404, { error: { code: "not-found", message: "no such route", text: "x" } }));
    await expect(client.analyze("src")).rejects.toMatchObject({ status: 404 });
  });
  it("raises other errors with their location", async () => {
    const client = new Client("", respond(400, { error: { code: "invalid-argument", message: "m", line: 7, text: "t" } }));
    await expect(client.states("src")).rejects.toMatchObject({ status: 400, detail: { line: 7 } });
  });
  it("sends the source as JSON", async () => {
    let seen: RequestInit | undefined;
    const fetcher = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response(JSON.stringify({ valid: true, kind: "case", id: "c", options: 1, states: 2, errors: [] }));
    }) as unknown as typeof fetch;
    await new Client("", fetcher).validate("mend: 1");
    expect(seen?.method).toBe("POST");
    expect(JSON.parse(String(seen?.body))).toEqual({ source: "mend: 1" });
  });
});

describe("create", () => {
  it("asks the server to create only, and raises its 409 when the id exists", async () => {
    let seen: RequestInit | undefined;
    const created = (async (_url: string, init: RequestInit) => {
      seen = init;
      return new Response(JSON.stringify({ id: "c", version: 1, created: true }), { status: 201 });
    }) as unknown as typeof fetch;
    expect(await new Client("", created).create("mend: 1", "note")).toEqual({ id: "c", version: 1, created: true });
    expect(JSON.parse(String(seen?.body))).toEqual({ source: "mend: 1", message: "note", create_only: true });
    const text = "a case with id 'c' already exists; nothing was saved";
    const taken = (async () =>
      new Response(JSON.stringify({ error: { code: "failed-precondition", message: text, text } }), { status: 409 })) as unknown as typeof fetch;
    await expect(new Client("", taken).create("mend: 1", "")).rejects.toMatchObject({ status: 409, detail: { message: text } });
  });
});

describe("history", () => {
  it("reads the versions, newest first, and builds export addresses", async () => {
    const { parseVersions } = await import("./api");
    expect(parseVersions({ id: "c", versions: [{ version: 2, message: "m", created_at: "t" }, { version: 1 }] }).map((v) => v.version)).toEqual([2, 1]);
    expect(() => parseVersions({ versions: [{}] })).toThrow(/unexpected/);
    expect(new Client("").exportUrl("chicken", 3)).toBe("/api/cases/chicken/export?version=3");
    expect(new Client("").exportUrl("a b")).toBe("/api/cases/a%20b/export");
  });
});

describe("import", () => {
  it("sends the raw YAML with the file name in the query", async () => {
    let url = "";
    let seen: RequestInit | undefined;
    const fetcher = (async (u: string, init: RequestInit) => {
      url = u;
      seen = init;
      return new Response(JSON.stringify({ id: "canal", version: 1, created: true }), { status: 201 });
    }) as unknown as typeof fetch;
    expect(await new Client("", fetcher).importFile("my canal.yaml", "mend: 1\n")).toEqual({ id: "canal", version: 1, created: true });
    expect(url).toBe("/api/import?name=my%20canal.yaml");
    expect(seen?.body).toBe("mend: 1\n");
    expect((seen?.headers as Record<string, string>)["Content-Type"]).toBe("application/yaml");
  });
});
