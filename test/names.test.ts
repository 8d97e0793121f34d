/**
 * Class names survive bundling (src/names.ts): every public class carries PyTorch's name as an
 * own static `__name__`, and a minified bundle, where the classes' JavaScript names are
 * mangled, still prints module and optimizer reprs and error messages under PyTorch's names.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import * as torch from "../src/index.js";
import { class_name, constructor_name } from "../src/names.js";

/** Every class reachable from the torch namespace, by its path (torch.nn.Linear ...). */
function public_classes(): [string, { readonly name: string }][] {
  const out: [string, { readonly name: string }][] = [];
  const seen = new Set<unknown>();
  const walk = (ns: Record<string, unknown>, path: string) => {
    for (const key of Object.keys(ns)) {
      const v = ns[key];
      if (seen.has(v)) continue;
      seen.add(v);
      if (typeof v === "function" && /^class[\s{]/.test(Function.prototype.toString.call(v))) {
        out.push([`${path}.${key}`, v]);
      } else if (
        v !== null &&
        typeof v === "object" &&
        Object.prototype.toString.call(v) === "[object Module]"
      ) {
        walk(v as Record<string, unknown>, `${path}.${key}`);
      }
    }
  };
  walk(torch, "torch");
  return out;
}

test("every public class has its PyTorch name as an own static __name__", () => {
  const classes = public_classes();
  assert.ok(classes.length > 100, `found ${classes.length} classes`);
  const wrong = classes
    .filter(([path, c]) => {
      const own = Object.getOwnPropertyDescriptor(c, "__name__")?.value as unknown;
      return own !== path.slice(path.lastIndexOf(".") + 1);
    })
    .map(([path]) => path);
  assert.deepEqual(wrong, []);
});

test("class_name: a user's subclass prints under its own name, or its own __name__", () => {
  class Net extends torch.nn.Module {}
  class Named extends torch.nn.Module {
    static override readonly __name__: string = "MyNet";
  }
  assert.equal(class_name(new Net()), "Net");
  assert.equal(String(new Net()), "Net()");
  assert.equal(String(new Named()), "MyNet()");
  assert.equal(constructor_name(torch.nn.Linear), "Linear");
  assert.equal(class_name(Object.create(null) as object), "Object");
});

const PROGRAM = `
import * as torch from "./src/index.ts";
const { nn, optim } = torch;
torch.manual_seed(0);
const model = new nn.Sequential(new nn.Embedding(10, 3), new nn.Flatten(), new nn.Linear(6, 2), new nn.ReLU());
const lines = [String(model), String(new optim.SGD(model.parameters(), { lr: 0.1 })).split("\\n")[0]];
try { new torch.utils.data.Dataset().len(); } catch (e) { lines.push(e.message); }
try { model.load_state_dict({}); } catch (e) { lines.push(e.message.split("\\n")[0]); }
lines.push(nn.Linear.name === "Linear" ? "class names kept by the bundler" : "class names mangled by the bundler");
console.log(lines.join("\\n"));
`;

test("a minified bundle prints PyTorch's class names", async () => {
  const root = fileURLToPath(new URL("..", import.meta.url));
  const r = await build({
    stdin: { contents: PROGRAM, resolveDir: root, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    write: false,
    logLevel: "error",
  });
  const code = r.outputFiles[0].text;
  const out = execFileSync(process.execPath, ["--input-type=module", "-"], { input: code, encoding: "utf8" });
  assert.equal(
    out,
    [
      "Sequential(",
      "  (0): Embedding(10, 3)",
      "  (1): Flatten(start_dim=1, end_dim=-1)",
      "  (2): Linear(in_features=6, out_features=2, bias=True)",
      "  (3): ReLU()",
      ")",
      "SGD (",
      "object of type 'Dataset' has no len()",
      "Error(s) in loading state_dict for Sequential:",
      "class names mangled by the bundler",
      "",
    ].join("\n"),
  );
});
