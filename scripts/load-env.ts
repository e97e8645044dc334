// Scripts run outside Next.js, which would otherwise load .env for us.
import { existsSync } from "node:fs";

export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
