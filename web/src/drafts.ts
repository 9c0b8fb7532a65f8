// Unsaved edits kept in the browser, one draft per case: the text being edited and the stored
// version it started from. Pure logic over a Storage-like object (localStorage in the page).

export interface Draft {
  /** The stored version the edits started from. */
  base: number;
  text: string;
  /** Milliseconds since the epoch of the last edit. */
  at: number;
}

/** The part of the Web Storage API the store needs (localStorage, or a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = "mend.draft.";

export class DraftStore {
  constructor(private readonly store: KeyValueStore | null) {}

  /** The draft of a case, or null when there is none (or the stored one is unreadable). */
  get(caseId: string): Draft | null {
    const raw = this.safe(() => this.store?.getItem(PREFIX + caseId) ?? null, null);
    if (!raw) return null;
    try {
      const d = JSON.parse(raw) as Partial<Draft>;
      if (typeof d.text !== "string" || typeof d.base !== "number") return null;
      return { base: d.base, text: d.text, at: typeof d.at === "number" ? d.at : 0 };
    } catch {
      return null;
    }
  }

  /**
   * Records the editor's text for a case: a draft while it differs from the stored text it
   * started from, nothing (the draft removed) once it is equal again.
   */
  record(caseId: string, base: number, stored: string, text: string, now = Date.now()): void {
    if (text === stored) this.discard(caseId);
    else this.safe(() => this.store?.setItem(PREFIX + caseId, JSON.stringify({ base, text, at: now })), undefined);
  }

  discard(caseId: string): void {
    this.safe(() => this.store?.removeItem(PREFIX + caseId), undefined);
  }

  /** Storage can throw (quota, privacy settings): a draft that cannot be kept is not an error. */
  private safe<T>(f: () => T, fallback: T): T {
    try {
      return f();
    } catch {
      return fallback;
    }
  }
}

/** Whether the editor's text differs from the stored version it shows. */
export function isDirty(stored: string | null, text: string): boolean {
  return stored !== null && stored !== text;
}
