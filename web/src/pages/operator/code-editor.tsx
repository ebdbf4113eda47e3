/**
 * The campaign file in CodeMirror (`editor/yaml-editor.ts`, loaded when this mounts). The page
 * keeps the text; problems become marks on their lines, and `goTo` moves the cursor to one.
 */
import { forwardRef, useEffect, useImperativeHandle, useRef } from "react";
import type { Mark, YamlEditor } from "../../editor/yaml-editor.js";

export interface CodeEditorHandle {
  goTo(line: number): void;
}

interface Props {
  value: string;
  onChange: (text: string) => void;
  marks: readonly Mark[];
  label: string;
}

export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor(props, ref) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<YamlEditor>(undefined);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    let disposed = false;
    import("../../editor/yaml-editor.js").then(({ createYamlEditor }) => {
      if (disposed || !host.current) return;
      const p = latest.current;
      editor.current = createYamlEditor(
        host.current,
        p.value,
        (t) => latest.current.onChange(t),
        p.label,
      );
      editor.current.setMarks(p.marks);
    });
    return () => {
      disposed = true;
      editor.current?.destroy();
      editor.current = undefined;
    };
  }, []);

  useEffect(() => editor.current?.setText(props.value), [props.value]);
  useEffect(() => editor.current?.setMarks(props.marks), [props.marks]);
  useImperativeHandle(ref, () => ({ goTo: (line) => editor.current?.goToLine(line) }), []);

  return <div ref={host} className="code-editor" />;
});
