/**
 * Writes test/fixtures/serialization/*.pt from fixture_files.ts: run it (`npx tsx
 * test/serialization/write_fixtures.ts`) after changing what torch.save writes, then
 * `python3 test/golden/generate.py serialization` to record what PyTorch loads from them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fixture_files } from "./fixture_files.js";

const DIR = fileURLToPath(new URL("../fixtures/serialization/", import.meta.url));
mkdirSync(DIR, { recursive: true });
for (const [name, bytes] of Object.entries(fixture_files())) {
  writeFileSync(DIR + name, bytes);
  console.log(`${name}: ${bytes.length} bytes`);
}
