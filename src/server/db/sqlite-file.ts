// The SQLite database holds the study's data: readable by the app's own
// system user only (docs/security.md). SQLite creates its -wal, -shm and
// -journal files with the main file's permissions, so the main file's mode
// is the one that matters; a file found wider (created by an older version,
// or copied) is narrowed, and so are its companions.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";

export const SQLITE_FILE_MODE = 0o600;

export function ensurePrivateSqliteFile(file: string): void {
  if (file === ":memory:" || file.startsWith("file:")) return;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // An empty file is a valid empty SQLite database; created owner-only whatever the umask.
    closeSync(openSync(file, "a", SQLITE_FILE_MODE));
  }
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(path) && (statSync(path).mode & 0o077) !== 0) chmodSync(path, SQLITE_FILE_MODE);
  }
}
