import "server-only";
// The text exports (CSV, ODM XML) are async generators of text chunks, turned
// into a byte stream that produces a chunk only when the reader asks for one:
// the file is read from the database as fast as it is downloaded, no faster.
import { Readable } from "node:stream";
import type { ExportCase } from "@/domain/export/columns";

/** A file's text, chunk after chunk; called once per download. */
export type Chunks = () => AsyncGenerator<string>;

/** Cases written per chunk of text: small chunks die young (measured: lower peak memory than one chunk per batch). */
const CASES_PER_CHUNK = 50;

/** A batch's text in chunks of CASES_PER_CHUNK cases. */
export function* chunked(batch: Iterable<ExportCase>, render: (c: ExportCase) => string): Generator<string> {
  let out = "";
  let n = 0;
  for (const c of batch) {
    out += render(c);
    if (++n % CASES_PER_CHUNK === 0) {
      yield out;
      out = "";
    }
  }
  if (out) yield out;
}

/** Text chunks as a byte stream, produced only as fast as the reader reads. */
export function byteStream(chunks: Chunks): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let it: AsyncGenerator<string> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      it ??= chunks();
      // A pull that enqueues nothing is not called again: skip empty chunks (a batch without block rows).
      for (;;) {
        const next = await it.next();
        if (next.done) return controller.close();
        if (next.value) return controller.enqueue(encoder.encode(next.value));
      }
    },
    async cancel() {
      await it?.return(undefined);
    },
  });
}

/** Text chunks as a Node stream of UTF-8 bytes (a ZIP entry). */
export const nodeReadable = (chunks: Chunks): Readable =>
  Readable.from(
    (async function* () {
      for await (const text of chunks()) if (text) yield Buffer.from(text, "utf8");
    })(),
  );
