import { describe, expect, it } from "vitest";
import { foldOnNarrow, type MediaLike } from "./narrow";

function media(matches: boolean): MediaLike & { change(matches: boolean): void } {
  const listeners: ((event: { matches: boolean }) => void)[] = [];
  return {
    matches,
    addEventListener: (_type, listener) => void listeners.push(listener),
    change: (m) => listeners.forEach((l) => l({ matches: m })),
  };
}

describe("the headline on narrow screens", () => {
  it("starts folded on a narrow screen and opens when the screen widens", () => {
    const details = { open: true, dataset: {} as Record<string, string> } as unknown as HTMLDetailsElement;
    const m = media(true);
    foldOnNarrow(details, m);
    expect(details.open).toBe(false);
    expect(details.dataset.narrow).toBe("true");
    m.change(false);
    expect(details.open).toBe(true);
    m.change(true);
    expect(details.open).toBe(false);
  });
  it("stays open on a wide screen", () => {
    const details = { open: false, dataset: {} as Record<string, string> } as unknown as HTMLDetailsElement;
    foldOnNarrow(details, media(false));
    expect(details.open).toBe(true);
  });
});
