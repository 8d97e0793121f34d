/**
 * Runs the code of the README and of every page of docs/guide/ (see docs_code.ts: each page is
 * one program made of its ```ts blocks), and checks every ```text block against what the code
 * before it printed, so that no example in the docs can rot.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MARK, page_program } from "./docs_code.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const GUIDE = join(ROOT, "docs", "guide");
const pages = [
  join(ROOT, "README.md"),
  ...readdirSync(GUIDE)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => join(GUIDE, f)),
];

const dir = mkdtempSync(join(tmpdir(), "torch-ts-docs-"));
process.on("exit", () => rmSync(dir, { recursive: true, force: true }));

for (const page of pages) {
  const name = page.slice(ROOT.length);
  test(`${name}: its code runs and prints what the page shows`, () => {
    const { source, outputs } = page_program(page);
    const file = join(dir, name.replaceAll("/", "_").replace(/\.md$/, ".mts"));
    writeFileSync(file, source);
    const printed = execFileSync(process.execPath, ["--import", "tsx", file], {
      encoding: "utf8",
      cwd: ROOT,
    });
    const stretches = printed.split(`${MARK}\n`);
    assert.equal(stretches.length - 1, outputs.length, `${name}: every output block is reached`);
    outputs.forEach((want, i) => {
      if (want !== null)
        assert.equal(stretches[i].replace(/\n$/, ""), want, `${name}: output block ${i + 1}`);
    });
  });
}
