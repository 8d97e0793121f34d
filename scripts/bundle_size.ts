/**
 * The browser bundle's size, as `npm run build` reports it: the built package (dist/) bundled
 * by esbuild for the browser, minified, then gzipped, for two programs: one that uses
 * everything (`import * as torch`) and one that uses tensors alone (factories, ops, autograd;
 * no nn, optim or utils.data, which tree shaking must then drop). Each has a budget;
 * test/package/bundle_size.test.ts fails when a bundle outgrows it, so growth is a decision.
 */
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/** The budgets, in KiB of gzip. Raise one on purpose, with the reason in the commit. */
export const BUDGETS_KIB = { everything: 160, tensors: 72 } as const;
export type BundleName = keyof typeof BUDGETS_KIB;

const ENTRIES: Record<BundleName, string> = {
  everything: `import * as torch from "torch-ts"; globalThis.torch = torch;`,
  tensors:
    `import { tensor, zeros, randn, manual_seed, no_grad, Tensor } from "torch-ts";` +
    `globalThis.torch = { tensor, zeros, randn, manual_seed, no_grad, Tensor };`,
};

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface BundleSize {
  name: BundleName;
  minified: number;
  gzip: number;
  budget_kib: number;
}

/** Bundles each entry against dist/ (resolved as the package "torch-ts") and measures it. */
export async function measure_bundles(): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const name of Object.keys(ENTRIES) as BundleName[]) {
    const r = await build({
      stdin: { contents: ENTRIES[name], resolveDir: ROOT, loader: "js" },
      alias: { "torch-ts": `${ROOT}dist/index.js` },
      bundle: true,
      minify: true,
      format: "esm",
      platform: "browser",
      write: false,
      logLevel: "error",
    });
    const code = r.outputFiles[0].contents;
    out.push({
      name,
      minified: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
      budget_kib: BUDGETS_KIB[name],
    });
  }
  return out;
}

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const s of await measure_bundles()) {
    const over = s.gzip > s.budget_kib * 1024 ? "  OVER BUDGET" : "";
    console.log(
      `browser bundle (${s.name}): ${kib(s.minified)} minified, ${kib(s.gzip)} gzip, budget ${s.budget_kib} KiB${over}`,
    );
  }
}
