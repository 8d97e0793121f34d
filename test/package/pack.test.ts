/**
 * The package as a user installs it: `npm pack` of this repository (dist/ as built), installed
 * from the tarball into a scratch project with the network shut off (the library has no
 * runtime dependencies), then a small training program compiled by `tsc --strict` against the
 * installed types (no DOM or Node types, and library checking on) and run by Node. It checks
 * the tarball's file list, that `exports` resolves for `import`, and what the program prints.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, assert_built } from "./built.js";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");

/** npm with no way to the network: offline, and any registry request to a closed local port. */
function npm(args: string[], cwd: string, cache: string): string {
  return execFileSync("npm", [...args, "--offline", "--no-audit", "--no-fund", `--cache=${cache}`], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      npm_config_registry: "http://127.0.0.1:9/",
      npm_config_update_notifier: "false",
      npm_config_loglevel: "error",
    },
  });
}

const PROGRAM = `
import * as torch from "torch-ts";
const { nn, optim } = torch;

declare const console: { log(...args: unknown[]): void };

torch.manual_seed(0);
const x = torch.linspace(-1, 1, 16).unsqueeze(1);
const y = x.mul(3).add(1);
const model = new nn.Sequential(new nn.Linear(1, 8), new nn.Tanh(), new nn.Linear(8, 1));
const optimizer = new optim.SGD(model.parameters(), { lr: 0.1 });
const loss_fn = new nn.MSELoss();
const losses: number[] = [];
for (let step = 0; step < 20; step++) {
  optimizer.zero_grad();
  const loss: torch.Tensor = loss_fn(model(x), y);
  loss.backward();
  optimizer.step();
  losses.push(loss.item() as number);
}
const first = model.get(0);
try {
  // @ts-expect-error: the types are real: a string is not a tensor (and it is refused at run time)
  torch.add("one", 1);
} catch (e) {
  console.log((e as Error).message);
}
console.log(String(torch.tensor([1, 2, 3]).mul(2)));
console.log(String(model));
console.log(String(optimizer).split("\\n")[0]);
console.log(first.weight.shape.length, first.bias?.shape[0], losses.length, losses[19] < losses[0]);
console.log(torch.no_grad(() => model(torch.zeros(1, 1))).requires_grad);
`;

test("npm pack + install of the tarball offline: tsc --strict on its types, Node runs it", () => {
  assert_built();
  const tmp = mkdtempSync(join(tmpdir(), "torch-ts-pack-"));
  try {
    const cache = join(tmp, "npm-cache");
    const [packed] = JSON.parse(
      npm(["pack", "--ignore-scripts", "--json", `--pack-destination=${tmp}`], ROOT, cache),
    ) as { filename: string; files: { path: string }[] }[];
    const files = packed.files.map((f) => f.path);
    for (const f of ["package.json", "dist/index.js", "dist/index.d.ts", "dist/tensor/tensor.d.ts"]) {
      assert.ok(files.includes(f), `the tarball holds ${f}`);
    }
    const stray = files.filter((f) => !/^(dist|src)\/|^(package\.json|README\.md|LICENSE)$/.test(f));
    assert.deepEqual(stray, [], "the tarball holds only dist/, src/, package.json, README and LICENSE");

    const app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    npm(["install", "--ignore-scripts", join(tmp, packed.filename)], app, cache);
    const installed = JSON.parse(
      readFileSync(join(app, "node_modules", "torch-ts", "package.json"), "utf8"),
    ) as {
      name: string;
    };
    assert.equal(installed.name, "torch-ts");

    writeFileSync(join(app, "main.ts"), PROGRAM);
    writeFileSync(
      join(app, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          target: "ES2022",
          module: "NodeNext",
          moduleResolution: "NodeNext",
          lib: ["ES2022"],
          types: [],
          skipLibCheck: false,
          outDir: "out",
        },
        files: ["main.ts"],
      }),
    );
    try {
      execFileSync(process.execPath, [TSC, "-p", app], { cwd: app, encoding: "utf8", timeout: 60_000 });
    } catch (e) {
      assert.fail(
        `tsc --strict on the installed package:\n${(e as { stdout?: string }).stdout ?? String(e)}`,
      );
    }
    // the installed package picks its own backend: the scratch project has no optional koffi
    // (an offline install), so a TORCH_TS_BACKEND=blas of the test run must not follow it there
    const env = { ...process.env };
    delete env.TORCH_TS_BACKEND;
    const out = execFileSync(process.execPath, [join(app, "out", "main.js")], {
      cwd: app,
      encoding: "utf8",
      env,
    });
    assert.equal(
      out,
      [
        "add(): argument 'input' must be Tensor or Number, not str",
        "tensor([2., 4., 6.])",
        "Sequential(",
        "  (0): Linear(in_features=1, out_features=8, bias=True)",
        "  (1): Tanh()",
        "  (2): Linear(in_features=8, out_features=1, bias=True)",
        ")",
        "SGD (",
        "2 8 20 true",
        "false",
        "",
      ].join("\n"),
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
