// Folds a <details> on narrow screens: closed when the page first fits `query` (a phone), open
// and unfoldable (its summary hidden by the style sheet) on wider screens. The reader's own
// toggling on a narrow screen is kept until the width class changes.
export interface MediaLike {
  matches: boolean;
  addEventListener(type: "change", listener: (event: { matches: boolean }) => void): void;
}

export function foldOnNarrow(details: HTMLDetailsElement, media: MediaLike): void {
  const apply = (narrow: boolean) => {
    details.open = !narrow;
    details.dataset.narrow = String(narrow);
  };
  apply(media.matches);
  media.addEventListener("change", (event) => apply(event.matches));
}
