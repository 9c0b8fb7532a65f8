// The YAML editor: CodeMirror 6 with the API's located errors shown as diagnostics and as a
// highlighted line.
import { yaml } from "@codemirror/lang-yaml";
import { lintGutter, setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorState, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, type DecorationSet } from "@codemirror/view";
import { basicSetup } from "codemirror";
import type { LocatedError } from "./api";

const setErrorLine = StateEffect.define<number | null>();

const errorLineField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorLine)) continue;
      if (effect.value === null) return Decoration.none;
      const line = tr.state.doc.line(Math.min(Math.max(1, effect.value), tr.state.doc.lines));
      decorations = Decoration.set([
        Decoration.line({ attributes: { class: "cm-mend-error-line", "data-error-line": String(line.number) } }).range(line.from),
      ]);
    }
    return decorations;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export interface CaseEditor {
  view: EditorView;
  text(): string;
  /** Starts a new document (a loaded case): its own undo history, nothing to undo into another case. */
  load(text: string): void;
  /** Replaces the text by an edited version, changing only the differing span. */
  replace(text: string): void;
  showErrors(errors: LocatedError[]): void;
  clearErrors(): void;
}

/** Where in the document a located error points: its line, from its column to the line's end. */
export function errorRange(doc: EditorState["doc"], error: LocatedError): { from: number; to: number; line: number } {
  const lineNumber = Math.min(Math.max(1, error.line ?? 1), doc.lines);
  const line = doc.line(lineNumber);
  const column = Math.max(1, error.column ?? 1);
  // Columns count characters (code points); CodeMirror offsets count UTF-16 units.
  let from = line.from;
  let seen = 1;
  for (const ch of line.text) {
    if (seen >= column) break;
    from += ch.length;
    seen++;
  }
  const to = line.to > from ? line.to : Math.min(doc.length, from + 1);
  return { from: Math.min(from, line.to), to: Math.max(to, Math.min(from, line.to)), line: lineNumber };
}

export function createEditor(parent: HTMLElement, onChange: (text: string) => void): CaseEditor {
  const extensions: Extension[] = [
    basicSetup,
    yaml(),
    lintGutter(),
    errorLineField,
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ "aria-label": "Case file (YAML)" }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onChange(update.state.doc.toString());
    }),
  ];
  const view = new EditorView({ state: EditorState.create({ doc: "", extensions }), parent });

  return {
    view,
    text: () => view.state.doc.toString(),
    load(text: string) {
      view.setState(EditorState.create({ doc: text, extensions }));
    },
    replace(text: string) {
      const old = view.state.doc.toString();
      if (old === text) return;
      let start = 0;
      while (start < old.length && start < text.length && old[start] === text[start]) start++;
      let endOld = old.length;
      let endNew = text.length;
      while (endOld > start && endNew > start && old[endOld - 1] === text[endNew - 1]) {
        endOld--;
        endNew--;
      }
      view.dispatch({ changes: { from: start, to: endOld, insert: text.slice(start, endNew) } });
    },
    showErrors(errors: LocatedError[]) {
      const doc = view.state.doc;
      const diagnostics: Diagnostic[] = errors.map((error) => {
        const { from, to } = errorRange(doc, error);
        return { from, to, severity: "error", message: error.text || error.message, source: "mend validate" };
      });
      const located = errors.find((e) => e.line !== undefined);
      view.dispatch(setDiagnostics(view.state, diagnostics));
      view.dispatch({ effects: setErrorLine.of(located ? errorRange(doc, located).line : null) });
    },
    clearErrors() {
      view.dispatch(setDiagnostics(view.state, []));
      view.dispatch({ effects: setErrorLine.of(null) });
    },
  };
}
