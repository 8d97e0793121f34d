/**
 * Choosing a backend: the default order (blas, wasm, js) and TORCH_TS_BACKEND, checked in child
 * processes with a controlled environment; set_backend and its errors; a backend registered
 * later (as the wasm backend may be) becoming the default or the base blas builds on; thread
 * counts reaching every backend; the deterministic mode routing every op to the js kernels.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as torch from "../../src/index.js";
import { kernels, register_backend } from "../../src/backends/index.js";
import { js_backend } from "../../src/backends/js/index.js";
import { wasm_backend } from "../../src/backends/wasm/index.js";
import { load_blas } from "../../src/backends/blas/index.js";

const has_blas = load_blas() !== null;
const INDEX = fileURLToPath(new URL("../../src/index.ts", import.meta.url));

/** torch.backends.info() in a fresh process whose environment has TORCH_TS_BACKEND = name. */
function fresh_info(
  name: string | undefined,
  extra: Record<string, string> = {},
): { status: number | null; out: string; err: string } {
  const env = { ...process.env, ...extra };
  delete env.TORCH_TS_BACKEND;
  if (name !== undefined) env.TORCH_TS_BACKEND = name;
  const script = `const torch = await import(${JSON.stringify(INDEX)}); console.log(JSON.stringify(torch.backends.info()));`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    env,
    encoding: "utf8",
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

test("default: blas where a system BLAS is found, else wasm; TORCH_TS_BACKEND names another", () => {
  const def = fresh_info(undefined);
  assert.equal(def.status, 0, def.err);
  const info = JSON.parse(def.out) as torch.backends.BackendsInfo;
  assert.equal(info.backend, has_blas ? "blas" : "wasm");
  assert.deepEqual(info.available, has_blas ? ["blas", "wasm", "js"] : ["wasm", "js"]);
  if (has_blas) assert.match(info.details.blas, /blas|mkl|Accelerate/i);

  const js = JSON.parse(fresh_info("js").out) as torch.backends.BackendsInfo;
  assert.equal(js.backend, "js");
  assert.equal(js.in_use, "js");

  // a machine without a BLAS library: the backend is absent, silently, and wasm is the default
  const none = fresh_info(undefined, { TORCH_TS_BLAS_LIBRARY: "libnot-a-blas.so" });
  assert.equal(none.status, 0, none.err);
  assert.equal(none.err, "");
  const info_none = JSON.parse(none.out) as torch.backends.BackendsInfo;
  assert.deepEqual([info_none.backend, info_none.available], ["wasm", ["wasm", "js"]]);

  const bad = fresh_info("cuda");
  assert.notEqual(bad.status, 0);
  assert.match(bad.err, /unknown or unavailable backend 'cuda'; available: (blas, )?wasm, js/);
});

test("set_backend selects by name and refuses unknown names", () => {
  const before = torch.get_backend();
  try {
    torch.backends.set_backend("js");
    assert.equal(torch.get_backend(), "js");
    assert.equal(kernels(), js_backend);
    assert.throws(() => torch.set_backend("nope"), /unknown or unavailable backend 'nope'; available: .*js/);
    assert.equal(torch.get_backend(), "js", "a refused name changes nothing");
    if (has_blas) {
      torch.set_backend("blas");
      assert.equal(kernels().name, "blas");
      assert.notEqual(kernels().matmul, js_backend.matmul);
      const base = torch.backends.is_available("wasm") ? wasm_backend : js_backend;
      assert.equal(
        kernels().unary,
        base.unary,
        "blas takes every other kernel from its base (wasm where present)",
      );
    }
    assert.equal(torch.backends.is_available("blas"), has_blas);
    assert.equal(torch.backends.is_available("js"), true);
  } finally {
    torch.set_backend(before);
  }
});

test("use_deterministic_algorithms routes every op to the js kernels, whatever is selected", () => {
  const before = torch.get_backend();
  try {
    if (has_blas) torch.set_backend("blas");
    assert.equal(torch.are_deterministic_algorithms_enabled(), false);
    torch.use_deterministic_algorithms(true);
    assert.equal(torch.are_deterministic_algorithms_enabled(), true);
    assert.equal(kernels(), js_backend);
    assert.equal(torch.backends.info().in_use, "js");
    assert.equal(torch.get_backend(), has_blas ? "blas" : before, "the selection is kept");
    // float32 sums of products are the correctly rounded double sums: 2^24 + 1 - 2^24 is 1
    const a = torch.tensor([[2 ** 24, 1, -(2 ** 24)]]);
    assert.equal(a.matmul(torch.ones(3, 1)).item(), 1);
    torch.use_deterministic_algorithms(false, { warn_only: true });
    assert.equal(kernels().name, torch.get_backend());
    assert.throws(() => torch.use_deterministic_algorithms(1 as unknown as boolean), /expects a bool/);
  } finally {
    torch.use_deterministic_algorithms(false);
    torch.set_backend(before);
  }
});

test("set_num_threads reaches every backend with threads; get_num_threads reports it", () => {
  const seen: number[] = [];
  register_backend({ ...js_backend, name: "threaded_test" }, { set_num_threads: (n) => seen.push(n) });
  const n0 = torch.get_num_threads();
  assert.ok(Number.isInteger(n0) && n0 >= 1);
  assert.deepEqual(seen, [n0], "a backend registered gets the current count");
  torch.set_num_threads(1);
  assert.equal(torch.get_num_threads(), 1);
  assert.deepEqual(seen, [n0, 1]);
  for (const bad of [0, -1, 1.5, NaN]) {
    assert.throws(() => torch.set_num_threads(bad), /set_num_threads expects a positive integer/);
  }
  torch.set_num_threads(n0);
  assert.equal(torch.backends.info().num_threads, n0);
});

test("a backend registered later (wasm) becomes the base of blas, or the default without BLAS", () => {
  const chosen_by_env = process.env.TORCH_TS_BACKEND !== undefined && process.env.TORCH_TS_BACKEND !== "";
  const before = torch.get_backend();
  const wasm = { ...js_backend, name: "wasm", unary: js_backend.unary.bind(null) };
  register_backend(wasm);
  assert.deepEqual(
    torch.list_backends(),
    has_blas ? ["blas", "wasm", "js", "threaded_test"] : ["wasm", "js", "threaded_test"],
  );
  if (!chosen_by_env) assert.equal(torch.get_backend(), has_blas ? "blas" : "wasm");
  else assert.equal(torch.get_backend(), before, "a backend named in the environment stays");
  if (has_blas) {
    torch.set_backend("blas");
    assert.equal(kernels().unary, wasm.unary, "blas now lays its matmul over wasm");
  }
  // restore the real wasm backend and the process's original selection for any test after this one
  register_backend(wasm_backend);
  torch.set_backend(before);
});
