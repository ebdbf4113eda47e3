/**
 * Message templates (`{actual}`, `{required}`) compiled once: `{required}` is constant per check
 * and is filled in at compile time, leaving only the `{actual}` slots for each failure.
 */
import type { Bilingual, DisplayFormat } from "../campaign/model.js";
import { display, type Lang } from "./format.js";

export type RenderMessage = (actual: unknown) => Bilingual;

export function compileMessage(
  template: Bilingual,
  required: unknown,
  format: DisplayFormat,
): RenderMessage {
  const zh = compileText(template.zh, display(required, format, "zh"), format, "zh");
  const en = compileText(template.en, display(required, format, "en"), format, "en");
  return (actual) => ({ zh: zh(actual), en: en(actual) });
}

function compileText(
  template: string,
  required: string,
  format: DisplayFormat,
  lang: Lang,
): (actual: unknown) => string {
  // Split on {actual}: the pieces between slots already have {required} filled in.
  const pieces = template
    .split("{actual}")
    .map((piece) => piece.replaceAll("{required}", required));
  if (pieces.length === 1) {
    const constant = pieces[0]!;
    return () => constant;
  }
  return (actual) => {
    const shown = display(actual, format, lang);
    let text = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) text += shown + pieces[i]!;
    return text;
  };
}
