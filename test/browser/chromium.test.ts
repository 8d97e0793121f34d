/**
 * The browser as a first-class target: the built package (dist/) bundled by esbuild for the
 * browser, minified, runs in Debian's Chromium (headless, driven by playwright-core) and
 * prints exactly what Node prints running the sources: the walkthrough (examples/
 * walkthrough.ts) and a 20-step MLP (mlp_program.ts), each in a page and in a module Worker.
 * Equal text is equal numbers bit for bit (losses print as round-trip strings) and equal
 * reprs, class names included, which minification would otherwise mangle.
 *
 * Pages come from an http server on localhost started here; Chromium runs with a fresh
 * profile and its background networking off, so nothing leaves the machine.
 */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { build, type Plugin } from "esbuild";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { ROOT, DIST_ENTRY, assert_built } from "../package/built.js";

const CHROMIUM = "/usr/bin/chromium";
const PROGRAMS = {
  walkthrough: join(ROOT, "examples", "walkthrough.ts"),
  mlp: join(ROOT, "test", "browser", "mlp_program.ts"),
};
type ProgramName = keyof typeof PROGRAMS;

/** The programs import the sources; their bundles import the package's bundle instead. */
const use_package: Plugin = {
  name: "use-package",
  setup(b) {
    b.onResolve({ filter: /\/src\/index\.js$/ }, () => ({ path: "/torch-ts.js", external: true }));
  },
};

const files = new Map<string, { type: string; body: string }>();
let server: Server;
let base = "";
let context: BrowserContext;
let profile = "";

before(async () => {
  assert_built();
  // the package minified as it is (its classes' names mangled: their reprs must not care);
  // the programs minified with esbuild's keepNames, as a user keeps the names of their own
  // classes (SimpleModel) that print
  const lib = await build({
    entryPoints: [DIST_ENTRY],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  files.set("/torch-ts.js", { type: "text/javascript", body: lib.outputFiles[0].text });
  for (const [name, entry] of Object.entries(PROGRAMS)) {
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      keepNames: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "error",
      plugins: [use_package],
    });
    files.set(`/${name}.js`, { type: "text/javascript", body: r.outputFiles[0].text });
  }
  files.set("/index.html", { type: "text/html", body: "<!doctype html><title>torch-ts</title>" });
  server = createServer((req, res) => {
    const f = files.get(req.url ?? "");
    res.writeHead(f ? 200 : 404, { "content-type": f?.type ?? "text/plain" });
    res.end(f?.body ?? "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  profile = mkdtempSync(join(tmpdir(), "torch-ts-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await context?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** What Node prints running the program from the sources. */
function node_output(name: ProgramName): string {
  return execFileSync(process.execPath, ["--import", "tsx", PROGRAMS[name]], { encoding: "utf8", cwd: ROOT });
}

/** Loads the program's bundle in a fresh page, collecting what it logs. */
async function in_page(name: ProgramName): Promise<string> {
  const page: Page = await context.newPage();
  try {
    await page.goto(`${base}/index.html`);
    return await page.evaluate(async (src) => {
      const out: string[] = [];
      const log = console.log;
      console.log = (...a: unknown[]) => void out.push(a.map(String).join(" "));
      try {
        await import(src);
      } finally {
        console.log = log;
      }
      return out.map((l) => l + "\n").join("");
    }, `${base}/${name}.js`);
  } finally {
    await page.close();
  }
}

/** Loads the program's bundle in a module Worker, collecting what it logs. */
async function in_worker(name: ProgramName): Promise<string> {
  const page: Page = await context.newPage();
  try {
    await page.goto(`${base}/index.html`);
    return await page.evaluate(async (src) => {
      const code = `
        const out = [];
        console.log = (...a) => void out.push(a.map(String).join(" "));
        import(${JSON.stringify(src)}).then(
          () => postMessage({ ok: true, text: out.map((l) => l + "\\n").join("") }),
          (e) => postMessage({ ok: false, text: String(e && e.stack || e) }),
        );`;
      const url = URL.createObjectURL(new Blob([code], { type: "text/javascript" }));
      const worker = new Worker(url, { type: "module" });
      const msg = await new Promise<{ ok: boolean; text: string }>((resolve) => {
        worker.onmessage = (e: MessageEvent<{ ok: boolean; text: string }>) => resolve(e.data);
        worker.onerror = (e) => resolve({ ok: false, text: e.message });
      });
      worker.terminate();
      if (!msg.ok) throw new Error(msg.text);
      return msg.text;
    }, `${base}/${name}.js`);
  } finally {
    await page.close();
  }
}

for (const name of Object.keys(PROGRAMS) as ProgramName[]) {
  test(`${name}: a page and a Worker in Chromium print what Node prints`, async () => {
    const expected = node_output(name);
    assert.ok(expected.split("\n").length > 20, `${name} printed ${expected.length} characters in Node`);
    assert.equal(await in_page(name), expected, `${name} in a page`);
    assert.equal(await in_worker(name), expected, `${name} in a Worker`);
  });
}

test("console.log(tensor) in Chromium's developer tools shows PyTorch's repr (custom formatters on)", async () => {
  const page: Page = await context.newPage();
  try {
    await page.goto(`${base}/index.html`);
    const cdp = await context.newCDPSession(page);
    const headers: string[] = [];
    cdp.on("Runtime.consoleAPICalled", (e: { args: { customPreview?: { header: string } }[] }) => {
      headers.push(e.args[0]?.customPreview?.header ?? "(no custom preview)");
    });
    await cdp.send("Runtime.enable");
    await cdp.send("Runtime.setCustomObjectFormatterEnabled", { enabled: true });
    await page.evaluate(async (src) => {
      const torch = (await import(src)) as typeof import("../../src/index.js");
      console.log(torch.tensor([1, 2]).requires_grad_());
      console.log(torch.zeros(3, 28, 28).size());
      console.log(new torch.nn.Linear(2, 1));
      console.log({ plain: "object" });
    }, `${base}/torch-ts.js`);
    await expect_count(() => headers.length, 4);
    const text = headers.map((h) => (h.startsWith("[") ? (JSON.parse(h) as unknown[])[2] : h));
    assert.deepEqual(text, [
      "tensor([1., 2.], requires_grad=True)",
      "torch.Size([3, 28, 28])",
      "Linear(in_features=2, out_features=1, bias=True)",
      "(no custom preview)",
    ]);
  } finally {
    await page.close();
  }
});

/** Waits (up to 5 s) until `n()` reaches `count`: console events arrive asynchronously. */
async function expect_count(n: () => number, count: number): Promise<void> {
  for (let i = 0; i < 100 && n() < count; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(n(), count);
}

test("the package's bundle is minified: class names are mangled, so the reprs above prove PyTorch's names", () => {
  const lib = files.get("/torch-ts.js")?.body ?? "";
  assert.ok(lib.length > 100_000, "the bundle holds the library");
  assert.ok(
    !/class Sequential\b/.test(lib) && /__name__="Sequential"/.test(lib),
    "minification renamed the classes",
  );
});
