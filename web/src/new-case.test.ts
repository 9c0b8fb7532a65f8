import { describe, expect, it } from "vitest";
import { outline } from "./model";
import { CASE_ID, copyAs, newIdProblem, suggestId, TEMPLATES } from "./new-case";

describe("new cases", () => {
  it("accepts only a new, well-formed case id", () => {
    expect(newIdProblem("arms-2", ["arms"])).toBe("");
    expect(newIdProblem("", [])).toContain("Give the new case an id");
    expect(newIdProblem("Arms", [])).toContain("not a case id");
    expect(newIdProblem("a_b", [])).toContain("not a case id");
    expect(newIdProblem("x".repeat(101), [])).toContain("not a case id");
    expect(newIdProblem("arms", ["arms"])).toContain("already exists");
  });

  it("suggests a free copy id", () => {
    expect(suggestId("chicken", ["chicken"])).toBe("chicken-copy");
    expect(suggestId("chicken", ["chicken", "chicken-copy", "chicken-copy-2"])).toBe("chicken-copy-3");
    expect(CASE_ID.test(suggestId("x".repeat(100), []))).toBe(true);
  });

  it("copies a case under a new id and title, changing only those lines", () => {
    const text = "mend: 1\n# the classic\nid: chicken\ntitle: Chicken as a graph model\nactors:\n  - {id: p1, name: Driver 1, role: decider}\n";
    const copy = copyAs(text, "chicken-copy", "Chicken: my variant");
    const before = text.split("\n");
    const after = copy.split("\n");
    expect(after.length).toBe(before.length);
    const changed = after.map((line, k) => (line === before[k] ? -1 : k)).filter((k) => k >= 0);
    expect(changed).toEqual([2, 3]);
    expect(outline(copy)?.id).toBe("chicken-copy");
    expect(outline(copy)?.title).toBe("Chicken: my variant");
    // Without a title only the id changes.
    expect(copyAs(text, "c2").split("\n").filter((line, k) => line !== before[k])).toEqual(["id: c2"]);
  });

  it("fills every template with the id and title, as a case the outline reads", () => {
    for (const t of TEMPLATES) {
      const text = t.text("my-case", "My case: a test");
      const o = outline(text);
      expect(o, t.key).not.toBeNull();
      expect(o?.id).toBe("my-case");
      expect(o?.title).toBe("My case: a test");
      expect(o?.actors.length).toBe(2);
      expect(o?.options.length).toBe(2);
    }
  });
});
