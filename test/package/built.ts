/**
 * The built package (dist/) that the packaging and browser tests use, as users get it. They
 * test what `npm run build` made, so they refuse to run on a missing or stale build rather
 * than pass on an old one: CI builds first; locally, run `npm run build` before `npm test`.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const DIST_ENTRY = join(ROOT, "dist", "index.js");

function* ts_files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* ts_files(p);
    else if (e.name.endsWith(".ts")) yield p;
  }
}

/** Throws, naming the file, unless every src/ file has a dist/ output at least as new. */
export function assert_built(): void {
  if (!existsSync(DIST_ENTRY)) throw new Error("dist/index.js is missing: run `npm run build` first");
  for (const src of ts_files(join(ROOT, "src"))) {
    const rel = relative(join(ROOT, "src"), src).replace(/\.ts$/, ".js");
    const out = join(ROOT, "dist", rel);
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) {
      throw new Error(`dist/${rel} is missing or older than src/: run \`npm run build\` first`);
    }
  }
}
