import { describe, expect, it } from "vitest";
import { DraftStore, isDirty, type KeyValueStore } from "./drafts";

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe("DraftStore", () => {
  it("keeps one draft per case while the text differs from the stored version", () => {
    const m = memory();
    const drafts = new DraftStore(m);
    drafts.record("a", 2, "stored a", "edited a", 100);
    drafts.record("b", 1, "stored b", "edited b", 200);
    expect(drafts.get("a")).toEqual({ base: 2, text: "edited a", at: 100 });
    expect(drafts.get("b")?.text).toBe("edited b");
    drafts.record("a", 2, "stored a", "stored a");
    expect(drafts.get("a")).toBeNull();
    expect(m.map.size).toBe(1);
    drafts.discard("b");
    expect(drafts.get("b")).toBeNull();
  });
  it("ignores unreadable entries and storage that throws", () => {
    const m = memory();
    m.map.set("mend.draft.x", "{not json");
    m.map.set("mend.draft.y", JSON.stringify({ text: 3 }));
    const drafts = new DraftStore(m);
    expect(drafts.get("x")).toBeNull();
    expect(drafts.get("y")).toBeNull();
    const broken = new DraftStore({
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => undefined,
    });
    expect(broken.get("a")).toBeNull();
    expect(() => broken.record("a", 1, "s", "t")).not.toThrow();
    expect(new DraftStore(null).get("a")).toBeNull();
  });
});

describe("isDirty", () => {
  it("is true only when a stored version is shown and the text differs", () => {
    expect(isDirty(null, "x")).toBe(false);
    expect(isDirty("x", "x")).toBe(false);
    expect(isDirty("x", "y")).toBe(true);
  });
});
