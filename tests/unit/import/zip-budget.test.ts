// The workbook's inflate budget (src/server/zip-budget.server.ts): a ZIP that inflates past it is refused
// whatever sizes its directory claims, a real workbook passes, and damaged or unusual ZIPs are refused as
// unreadable, never thrown.
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import ExcelJS from "exceljs";
import { checkZipBudget } from "@/server/zip-budget.server";

const MB = 1024 * 1024;

function zip(entries: { name: string; data: Buffer; compress?: boolean }[]): Promise<Uint8Array> {
  const z = new yazl.ZipFile();
  for (const e of entries) z.addBuffer(e.data, e.name, { compress: e.compress ?? true });
  z.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    z.outputStream.on("data", (c: Buffer) => chunks.push(c));
    z.outputStream.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    z.outputStream.on("error", reject);
  });
}

/** Sets every directory entry's declared uncompressed size to `size` (a bomb that lies about itself). */
function lie(bytes: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  for (let at = 0; at + 4 <= out.length; at++)
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
  return out;
}

describe("the inflate budget of an uploaded workbook", () => {
  it("refuses a small ZIP that inflates past the budget, even when its directory claims a tiny size", async () => {
    const bomb = await zip([{ name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(80 * MB) }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(checkZipBudget(bomb, 64 * MB)).toEqual({ ok: false, reason: "too_large" });
    expect(checkZipBudget(lie(bomb, 10), 64 * MB)).toEqual({ ok: false, reason: "too_large" });
  });

  it("counts the budget over all entries, stored ones too", async () => {
    const parts = await zip([
      { name: "a.xml", data: Buffer.alloc(3 * MB) },
      { name: "b.xml", data: Buffer.alloc(3 * MB), compress: false },
    ]);
    expect(checkZipBudget(parts, 6 * MB)).toEqual({ ok: true, inflated: 6 * MB });
    expect(checkZipBudget(parts, 6 * MB - 1)).toEqual({ ok: false, reason: "too_large" });
  });

  it("lets a real workbook through", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("cases");
    ws.addRow(["record_id", "initials", "birth_date"]);
    for (let i = 0; i < 500; i++) ws.addRow([`REI-${i}`, "AB", "1960-01-01"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const check = checkZipBudget(bytes);
    expect(check.ok).toBe(true);
  });

  it("refuses damaged, truncated or foreign ZIPs as unreadable, without throwing", async () => {
    const good = await zip([{ name: "a.xml", data: Buffer.from("<a/>".repeat(1000)) }]);
    const cases = [
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      good.subarray(0, good.length - 30),
      good.subarray(10),
      new Uint8Array(good).fill(0xff, 30, 60),
      new Uint8Array(2048).map((_, i) => (i * 7919) % 256),
    ];
    for (const bytes of cases) expect(checkZipBudget(bytes)).toEqual({ ok: false, reason: "unreadable" });
  });
});
