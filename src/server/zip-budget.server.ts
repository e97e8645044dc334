import "server-only";
// A workbook (XLSX) is a ZIP, and a ZIP of a few megabytes may inflate to gigabytes (a "zip bomb"): exceljs
// inflates every entry whole, in memory, before reading a cell, so one upload within the size cap could
// take the server down for everyone. Every entry is inflated here first, with zlib's maxOutputLength,
// against one budget for the whole file; a file past it, or one this reader does not follow (ZIP64,
// encryption, a method other than stored or deflate, a damaged directory), is refused before exceljs
// sees it. Sizes written in the file are not trusted: what zlib actually produces is counted.
import { inflateRawSync } from "node:zlib";

/** What a workbook may inflate to: far above the 4 MB upload's honest content (about 20 MB for 1 000 cases). */
export const XLSX_INFLATED_MAX_MB = 64;

export type ZipCheck =
  | { readonly ok: true; readonly inflated: number }
  | { readonly ok: false; readonly reason: "too_large" | "unreadable" };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/** Inflates every entry of the ZIP in `bytes` within `budgetBytes` in all, and says whether it fits. */
export function checkZipBudget(bytes: Uint8Array, budgetBytes = XLSX_INFLATED_MAX_MB * 1024 * 1024): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const unreadable: ZipCheck = { ok: false, reason: "unreadable" };
  try {
    // The end-of-directory record: 22 bytes, then a comment of up to 65 535 bytes.
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--)
      if (u32(at) === END_OF_DIRECTORY) {
        end = at;
        break;
      }
    if (end < 0) return unreadable;
    const entries = u16(end + 10);
    const directory = u32(end + 16);
    // ZIP64 marks its counts and offsets with all ones: not a workbook this app wrote or reads.
    if (entries === 0xffff || directory === 0xffffffff) return unreadable;
    let left = budgetBytes;
    let at = directory;
    for (let i = 0; i < entries; i++) {
      if (u32(at) !== DIRECTORY_ENTRY) return unreadable;
      const flags = u16(at + 8);
      const method = u16(at + 10);
      const compressed = u32(at + 20);
      const local = u32(at + 42);
      const next = at + 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
      if (flags & 0x1 || u32(local) !== LOCAL_HEADER) return unreadable;
      const start = local + 30 + u16(local + 26) + u16(local + 28);
      if (start + compressed > bytes.length) return unreadable;
      const data = bytes.subarray(start, start + compressed);
      let size: number;
      if (method === 0) size = compressed;
      else if (method === 8) {
        // One byte more than what is left: getting it means the budget is passed.
        try {
          size = inflateRawSync(data, { maxOutputLength: left + 1 }).byteLength;
        } catch (error) {
          if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return { ok: false, reason: "too_large" };
          return unreadable;
        }
      } else return unreadable;
      if (size > left) return { ok: false, reason: "too_large" };
      left -= size;
      at = next;
    }
    return { ok: true, inflated: budgetBytes - left };
  } catch {
    // A read past the end (RangeError from the DataView): a damaged file.
    return unreadable;
  }
}
