import { describe, expect, it } from "vitest";
import { ApiError, Client } from "./api";
import { attemptLogin } from "./login";

const TOKEN = "0123456789abcdef0123456789abcdef";

/** A server with a token: API requests need the cookie that a right POST /api/login sets. */
function tokenServer(options: { lockedFor?: number } = {}) {
  const calls: string[] = [];
  let signedIn = false;
  const error = (status: number, code: string, message: string) =>
    new Response(JSON.stringify({ error: { code, message, text: `error: ${message}` } }), { status });
  const fetcher = (async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`);
    if (url === "/api/login") {
      if (options.lockedFor) return error(429, "too-many-attempts", `too many wrong tokens came from this address; try again in ${options.lockedFor} s`);
      const { token } = JSON.parse(String(init.body)) as { token: string };
      if (token !== TOKEN) return error(401, "unauthenticated", "token: not this server's");
      signedIn = true;
      return new Response(JSON.stringify({ authenticated: true, token_required: true }));
    }
    if (!signedIn) return error(401, "unauthenticated", "this server needs Authorization: Bearer <token>");
    if (url === "/api/montecarlo") return new Response('{"job": "j"}\n{"result": {"case": "c", "states": [], "sensitivity": []}}\n');
    return new Response(JSON.stringify({ cases: [{ id: "chicken", latest_version: 1, versions: 1 }] }));
  }) as unknown as typeof fetch;
  return { calls, fetcher };
}

describe("signing in when the server answers 401", () => {
  it("asks for the token, posts it to /api/login, then sends the refused request again", async () => {
    const server = tokenServer();
    const client = new Client("", server.fetcher);
    let prompts = 0;
    client.setLoginPrompt(async () => {
      prompts++;
      return (await attemptLogin(client, TOKEN)) === null;
    });
    const cases = await client.cases();
    expect(cases.map((c) => c.id)).toEqual(["chicken"]);
    expect(prompts).toBe(1);
    expect(server.calls).toEqual(["GET /api/cases", "POST /api/login", "GET /api/cases"]);
    // Signed in: no more prompts.
    await client.cases();
    expect(prompts).toBe(1);
  });

  it("asks once for requests refused at the same time, and retries each of them", async () => {
    const server = tokenServer();
    const client = new Client("", server.fetcher);
    let prompts = 0;
    let release: (value: boolean) => void = () => undefined;
    client.setLoginPrompt(() => {
      prompts++;
      return new Promise<boolean>((resolve) => {
        release = resolve;
      });
    });
    const pending = Promise.all([client.cases(), client.cases(), client.cases()]);
    // The fake server answers without timers: one turn of the event loop lets all three reach
    // their 401 and the prompt.
    await new Promise((r) => setTimeout(r, 0));
    expect(server.calls).toEqual(["GET /api/cases", "GET /api/cases", "GET /api/cases"]);
    expect(prompts).toBe(1);
    expect(await attemptLogin(client, TOKEN)).toBeNull();
    release(true);
    const answers = await pending;
    expect(answers.map((cases) => cases.length)).toEqual([1, 1, 1]);
    expect(prompts).toBe(1);
    expect(server.calls.filter((c) => c === "GET /api/cases").length).toBe(6);
  });

  it("retries a Monte Carlo stream after signing in", async () => {
    const server = tokenServer();
    const client = new Client("", server.fetcher);
    client.setLoginPrompt(async () => (await attemptLogin(client, TOKEN)) === null);
    const lines: string[] = [];
    const result = await client.montecarlo("mend: 1", { samples: 10, seed: 1 }, (line) => lines.push(line.kind));
    expect(result.case).toBe("c");
    expect(lines).toEqual(["job", "result"]);
  });

  it("gives the 401 back when the user gives up, without posting anything", async () => {
    const server = tokenServer();
    const client = new Client("", server.fetcher);
    client.setLoginPrompt(async () => false);
    await expect(client.cases()).rejects.toMatchObject({ status: 401, detail: { code: "unauthenticated" } });
    expect(server.calls).toEqual(["GET /api/cases"]);
  });

  it("without a prompt, a 401 is an error as before", async () => {
    const client = new Client("", tokenServer().fetcher);
    await expect(client.cases()).rejects.toBeInstanceOf(ApiError);
  });
});

describe("attemptLogin", () => {
  it("says what went wrong: no token, a wrong token, too many wrong tokens", async () => {
    const client = new Client("", tokenServer().fetcher);
    expect(await attemptLogin(client, "  ")).toMatch(/Enter the token/);
    expect(await attemptLogin(client, "wrong")).toBe("That token is not this server's.");
    expect(await attemptLogin(client, TOKEN)).toBeNull();
    const locked = new Client("", tokenServer({ lockedFor: 42 }).fetcher);
    expect(await attemptLogin(locked, TOKEN)).toMatch(/try again in 42 s/);
    const down = new Client("", (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch);
    expect(await attemptLogin(down, TOKEN)).toMatch(/did not answer: Failed to fetch/);
  });
});
