/**
 * Message templates (`{actual}`, `{required}`) compiled once. `{required}` is usually constant
 * per check and is filled in at compile time, leaving only the `{actual}` slots for each failure;
 * a check against another fact (`valueFact`) fills it per failure instead. A template with no
 * slot left renders to one frozen object, shared by every failure of its check.
 */
import type { Bilingual, DisplayFormat } from "../campaign/model.js";
import { display, displayBeside, type Lang } from "./format.js";

export type RenderMessage = (actual: unknown, required?: unknown) => Bilingual;

export interface MessageOptions {
  /** When `null` is a value of its own (a product not enrolled), how it reads. */
  nullMeans?: Bilingual | undefined;
  /** `{required}` is given with each failure (another fact's value), not `required` here. */
  dynamicRequired?: boolean;
}

type RenderText = ((actual: unknown, required: unknown) => string) & { constant?: string };

export function compileMessage(
  template: Bilingual,
  required: unknown,
  format: DisplayFormat,
  options: MessageOptions = {},
): RenderMessage {
  const zh = compileText(template.zh, required, format, "zh", options);
  const en = compileText(template.en, required, format, "en", options);
  if (zh.constant !== undefined && en.constant !== undefined) {
    const fixed: Bilingual = Object.freeze({ zh: zh.constant, en: en.constant });
    return () => fixed;
  }
  return (actual, dynamic) => ({ zh: zh(actual, dynamic), en: en(actual, dynamic) });
}

const SLOT = /\{(actual|required)\}/;

/** Text around the slots, and which slot (`actual` or `required`) follows each piece. */
export function splitTemplate(template: string): { pieces: string[]; slots: string[] } {
  const parts = template.split(SLOT);
  const pieces: string[] = [];
  const slots: string[] = [];
  for (let i = 0; i < parts.length; i++) (i % 2 === 0 ? pieces : slots).push(parts[i]!);
  return { pieces, slots };
}

function compileText(
  template: string,
  required: unknown,
  format: DisplayFormat,
  lang: Lang,
  options: MessageOptions,
): RenderText {
  const nullText = options.nullMeans?.[lang];
  const show = (actual: unknown, req: unknown, reqShown: string) =>
    actual === null && nullText !== undefined
      ? nullText
      : displayBeside(actual, req, format, lang, reqShown);

  if (options.dynamicRequired) {
    const { pieces, slots } = splitTemplate(template);
    const first = pieces[0]!;
    return (actual, req) => {
      const reqShown = display(req, format, lang);
      const actualShown = show(actual, req, reqShown);
      let text = first;
      for (let i = 0; i < slots.length; i++) {
        text += (slots[i] === "actual" ? actualShown : reqShown) + pieces[i + 1]!;
      }
      return text;
    };
  }

  // `{required}` is constant: fill it in now, leaving only the `{actual}` slots.
  const reqShown = display(required, format, lang);
  const pieces = template
    .split("{actual}")
    .map((piece) => piece.replaceAll("{required}", reqShown));
  if (pieces.length === 1) {
    const constant = pieces[0]!;
    const render: RenderText = () => constant;
    render.constant = constant;
    return render;
  }
  const first = pieces[0]!;
  return (actual) => {
    const shown = show(actual, required, reqShown);
    let text = first;
    for (let i = 1; i < pieces.length; i++) text += shown + pieces[i]!;
    return text;
  };
}
