/**
 * CodeMirror 6 for campaign files: YAML highlighting, line numbers, undo, search-free basics, and
 * the loader's problems as marks on their lines (a gutter dot and an underline, with the message
 * on hover). Loaded only by the editor page (a dynamic import), so no other page carries it.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { type Diagnostic, lintGutter, setDiagnostics } from "@codemirror/lint";
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";

export interface Mark {
  line: number;
  message: string;
}

export interface YamlEditor {
  setText(text: string): void;
  setMarks(marks: readonly Mark[]): void;
  goToLine(line: number): void;
  destroy(): void;
}

export function createYamlEditor(
  parent: HTMLElement,
  text: string,
  onChange: (text: string) => void,
  label: string,
): YamlEditor {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        yaml(),
        syntaxHighlighting(defaultHighlightStyle),
        lintGutter(),
        // Long rule messages wrap instead of scrolling sideways (a phone's width too).
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label, "data-testid": "code-editor" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  // The scroll box takes the keyboard too (arrows and Page Down scroll it), as WCAG asks of any
  // region that scrolls.
  view.scrollDOM.tabIndex = 0;
  view.scrollDOM.setAttribute("aria-label", label);
  const lineAt = (n: number) => view.state.doc.line(Math.max(1, Math.min(n, view.state.doc.lines)));
  return {
    setText(next) {
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    setMarks(marks) {
      const diagnostics: Diagnostic[] = marks.map((m) => {
        const line = lineAt(m.line);
        return { from: line.from, to: line.to, severity: "error", message: m.message };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goToLine(n) {
      const line = lineAt(n);
      view.dispatch({
        selection: { anchor: line.from, head: line.to },
        effects: EditorView.scrollIntoView(line.from, { y: "center" }),
      });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
