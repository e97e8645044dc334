// Minimal, safe XML writing: escaped text and attributes, characters XML 1.0
// forbids dropped, line breaks in attributes kept as character references
// (an XML parser would otherwise normalise them to spaces).
import { stripInvalidXml } from "./cells";

export function escapeText(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

export function escapeAttr(text: string): string {
  return stripInvalidXml(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

export type Attrs = Readonly<Record<string, string | number | undefined>>;

const attrText = (attrs: Attrs): string =>
  Object.entries(attrs)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join("");

/** An element: empty (`<a x="1"/>`) when it has no content; `inner` is already XML. */
export function el(name: string, attrs: Attrs = {}, inner?: string): string {
  return inner === undefined || inner === ""
    ? `<${name}${attrText(attrs)}/>`
    : `<${name}${attrText(attrs)}>${inner}</${name}>`;
}

/** An element holding text. */
export const textEl = (name: string, text: string, attrs: Attrs = {}): string =>
  `<${name}${attrText(attrs)}>${escapeText(text)}</${name}>`;

/** Opening and closing tags, for elements whose content is streamed between them. */
export const open = (name: string, attrs: Attrs = {}): string => `<${name}${attrText(attrs)}>`;
export const close = (name: string): string => `</${name}>`;
