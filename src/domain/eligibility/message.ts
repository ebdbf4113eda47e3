/**
 * Message templates (`{actual}`, `{required}`) compiled once. `{required}` is usually constant
 * per check and is filled in at compile time, leaving only the `{actual}` slots for each failure;
 * a check against another fact (`valueFact`) fills it per failure instead. A template with no
 * slot left renders to one frozen object, shared by every failure of its check.
 *
 * Each compiled message also writes itself as JSON (`write`), byte for byte what
 * `JSON.stringify` gives for the object: the pieces between slots are escaped and encoded once,
 * here, so `gala check` copies a message's ~100 fixed characters instead of escaping and
 * encoding them again for every failure.
 */
import type { Bilingual, DisplayFormat } from "../campaign/model.js";
import { type ByteWriter, utf8 } from "./byte-writer.js";
import { display, displayBeside, type Lang } from "./format.js";

export interface RenderMessage {
  (actual: unknown, required?: unknown): Bilingual;
  /** Writes `JSON.stringify` of the same message. */
  write(out: ByteWriter, actual: unknown, required?: unknown): void;
}

export interface MessageOptions {
  /** When `null` is a value of its own (a product not enrolled), how it reads. */
  nullMeans?: Bilingual | undefined;
  /** `{required}` is given with each failure (another fact's value), not `required` here. */
  dynamicRequired?: boolean;
}

interface RenderText {
  (actual: unknown, required: unknown): string;
  /** Writes the text as it stands between the quotes of its JSON string. */
  write(out: ByteWriter, actual: unknown, required: unknown): void;
  constant?: string;
}

const OPEN_ZH = utf8('{"zh":"');
const BETWEEN = utf8('","en":"');
const CLOSE = utf8('"}');

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
    const json = utf8(JSON.stringify(fixed));
    return Object.assign(() => fixed, { write: (out: ByteWriter) => out.bytes(json) });
  }
  return Object.assign(
    (actual: unknown, dynamic?: unknown) => ({ zh: zh(actual, dynamic), en: en(actual, dynamic) }),
    {
      write: (out: ByteWriter, actual: unknown, dynamic?: unknown) => {
        out.bytes(OPEN_ZH);
        zh.write(out, actual, dynamic);
        out.bytes(BETWEEN);
        en.write(out, actual, dynamic);
        out.bytes(CLOSE);
      },
    },
  );
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

/** Characters `JSON.stringify` writes differently inside a string (surrogates: when unpaired). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** `text` as it stands between the quotes of its JSON string. */
export function jsonStringBody(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
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
    const encoded = pieces.map((piece) => utf8(jsonStringBody(piece)));
    const render = (actual: unknown, req: unknown) => {
      const reqShown = display(req, format, lang);
      const actualShown = show(actual, req, reqShown);
      let text = pieces[0]!;
      for (let i = 0; i < slots.length; i++) {
        text += (slots[i] === "actual" ? actualShown : reqShown) + pieces[i + 1]!;
      }
      return text;
    };
    return Object.assign(render, {
      write: (out: ByteWriter, actual: unknown, req: unknown) => {
        const reqShown = jsonStringBody(display(req, format, lang));
        const actualShown = jsonStringBody(show(actual, req, display(req, format, lang)));
        out.bytes(encoded[0]!);
        for (let i = 0; i < slots.length; i++) {
          out.text(slots[i] === "actual" ? actualShown : reqShown);
          out.bytes(encoded[i + 1]!);
        }
      },
    });
  }

  // `{required}` is constant: fill it in now, leaving only the `{actual}` slots.
  const reqShown = display(required, format, lang);
  const pieces = template
    .split("{actual}")
    .map((piece) => piece.replaceAll("{required}", reqShown));
  if (pieces.length === 1) {
    const constant = pieces[0]!;
    const encoded = utf8(jsonStringBody(constant));
    return Object.assign(() => constant, {
      write: (out: ByteWriter) => out.bytes(encoded),
      constant,
    });
  }
  const encoded = pieces.map((piece) => utf8(jsonStringBody(piece)));
  const render = (actual: unknown) => {
    const shown = show(actual, required, reqShown);
    let text = pieces[0]!;
    for (let i = 1; i < pieces.length; i++) text += shown + pieces[i]!;
    return text;
  };
  return Object.assign(render, {
    write: (out: ByteWriter, actual: unknown) => {
      const shown = jsonStringBody(show(actual, required, reqShown));
      out.bytes(encoded[0]!);
      for (let i = 1; i < encoded.length; i++) {
        out.text(shown);
        out.bytes(encoded[i]!);
      }
    },
  });
}
