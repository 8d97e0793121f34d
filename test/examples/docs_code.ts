/**
 * Turns a Markdown page into a program: its ```ts blocks in order, with `from "torch-ts"`
 * pointed at the sources, and each ```text block that follows code holding what the code since
 * the previous ```text block prints. A block fenced ```ts no-run is shown but not run (a
 * fragment, or code that needs files or a browser).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const SRC = pathToFileURL(fileURLToPath(new URL("../../src/index.ts", import.meta.url))).href;
export const MARK = "\u0000--printed-so-far--";

export interface PageProgram {
  /** the page's code, with a marker printed where each ```text block stands */
  source: string;
  /** the expected output of each stretch between markers (null: not checked) */
  outputs: (string | null)[];
}

export function page_program(path: string): PageProgram {
  // A fence may be indented (inside a list item): its body is dedented by the fence's indent.
  const fence = /^( *)```(\S*)([^\n]*)\n([\s\S]*?)^ *```\s*$/gm;
  const md = readFileSync(path, "utf8");
  const code: string[] = [];
  const outputs: (string | null)[] = [];
  let pending = false;
  for (const m of md.matchAll(fence)) {
    const [, indent, lang, info, indented] = m as unknown as [string, string, string, string, string];
    const body = indented.replaceAll(new RegExp(`^ {0,${indent.length}}`, "gm"), "");
    if (lang === "ts" && !info.includes("no-run")) {
      code.push(
        body.replaceAll(
          /from "torch-ts(\/[a-z]+)?"/g,
          (_, sub?: string) => `from "${sub ? SRC.replace(/index\.ts$/, `${sub.slice(1)}/index.ts`) : SRC}"`,
        ),
      );
      pending = true;
    } else if (lang === "text" && pending) {
      code.push(`console.log(${JSON.stringify(MARK)});`);
      outputs.push(body.replace(/\n$/, ""));
      pending = false;
    }
  }
  // Imports may come from any block: hoist them, so later blocks can import what they use.
  const lines = code.join("\n").split("\n");
  const imports = lines.filter((l) => /^import /.test(l));
  const rest = lines.filter((l) => !/^import /.test(l));
  return { source: [...new Set(imports), "", ...rest].join("\n"), outputs };
}
