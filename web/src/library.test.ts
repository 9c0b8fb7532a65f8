import { describe, expect, it } from "vitest";
import type { CaseSummary } from "./api";
import { firstCase, groupLibrary } from "./library";

const c = (id: string): CaseSummary => ({ id, title: id, latest_version: 1, versions: 1 });

describe("groupLibrary", () => {
  it("puts the flagship portfolio first, in its order, then the classics, then the rest", () => {
    const cases = ["chicken", "incidents", "mine", "strategic-arms", "elmira"].map(c);
    expect(groupLibrary(cases).map((g) => [g.id, g.cases.map((x) => x.id)])).toEqual([
      ["flagship", ["strategic-arms", "incidents"]],
      ["classic", ["chicken", "elmira"]],
      ["workspace", ["mine"]],
    ]);
    expect(firstCase(cases, null)?.id).toBe("strategic-arms");
    expect(firstCase(cases, "mine")?.id).toBe("mine");
    expect(groupLibrary([c("mine")]).map((g) => g.id)).toEqual(["workspace"]);
    expect(firstCase([], null)).toBeUndefined();
  });
});
