/**
 * The threshold_backward kernel (relu's and threshold's gradient in one pass) of the selected
 * backend against the composition it replaced, a `self <= threshold` mask, its negation and a
 * where(), run on the js kernels: same bits on dense, transposed, sliced, offset and
 * zero-stride views and into strided outputs, with NaN, infinities and both zeros in self and
 * in grad. Then the op: relu's and threshold's gradients at those values as PyTorch gives them,
 * and the double-backward node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { kernels, type StridedView } from "../../src/backends/index.js";
import { js_backend } from "../../src/backends/js/index.js";
import { bool, float32, float64 } from "../../src/dtype.js";

type Arr = Float32Array | Float64Array;
type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;

const SPECIAL = [NaN, 0, -0, Infinity, -Infinity, 1e-45, -1e-45, 0.5, -0.5, 3, -3];

/** Values cycling through SPECIAL, mixed with a deterministic spread of ordinary numbers. */
function values(n: number, seed: number): number[] {
  const out: number[] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(i % 3 === 0 ? SPECIAL[(i / 3 + seed) % SPECIAL.length] : (s / 2 ** 32 - 0.5) * 8);
  }
  return out;
}

function contiguous_strides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = acc;
    acc *= shape[i];
  }
  return st;
}

type Layout = "contiguous" | "transposed" | "sliced" | "offset" | "expanded" | "scalar";
const LAYOUTS: Layout[] = ["contiguous", "transposed", "sliced", "offset", "expanded", "scalar"];

/** A [rows, cols] view in the given layout over fresh data of type C. */
function view(C: Ctor, rows: number, cols: number, layout: Layout, seed: number): StridedView<Arr> {
  const shape = [rows, cols];
  const fill = (n: number) => C.from(values(n, seed));
  const dtype = C === Float32Array ? float32 : float64;
  switch (layout) {
    case "contiguous":
      return { data: fill(rows * cols), dtype, shape, strides: contiguous_strides(shape), offset: 0 };
    case "transposed":
      return { data: fill(rows * cols), dtype, shape, strides: [1, rows], offset: 0 };
    case "sliced":
      return { data: fill(rows * cols * 2), dtype, shape, strides: [cols * 2, 2], offset: 1 };
    case "offset":
      return { data: fill(rows * cols + 5), dtype, shape, strides: contiguous_strides(shape), offset: 5 };
    case "expanded":
      return { data: fill(cols), dtype, shape, strides: [0, 1], offset: 0 };
    case "scalar":
      return { data: fill(3), dtype, shape, strides: [0, 0], offset: 2 };
  }
}

/** The replaced composition: where(!(self <= threshold), grad, 0), on the js kernels. */
function composed(grad: StridedView, self: StridedView, threshold: number, out: StridedView): void {
  const shape = out.shape;
  const n = shape[0] * shape[1];
  const le = { data: new Uint8Array(n), dtype: bool, shape, strides: contiguous_strides(shape), offset: 0 };
  const th = { data: new Float64Array([threshold]), dtype: float64, shape, strides: [0, 0], offset: 0 };
  js_backend.binary("le", self, th, le);
  const keep = { ...le, data: new Uint8Array(n) };
  js_backend.unary("logical_not", le, keep);
  const zero = { data: new Float64Array([0]), dtype: float64, shape, strides: [0, 0], offset: 0 };
  js_backend.where(keep, grad, zero, out);
}

/** The elements of a [rows, cols] view in row-major order. */
function read(v: StridedView<Arr>): number[] {
  const out: number[] = [];
  for (let i = 0; i < v.shape[0]; i++) {
    for (let j = 0; j < v.shape[1]; j++) out.push(v.data[v.offset + i * v.strides[0] + j * v.strides[1]]);
  }
  return out;
}

/** Same bits: NaN equals NaN, and 0 differs from -0. */
function assert_same_bits(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    assert.ok(
      Object.is(actual[i], expected[i]),
      `${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`,
    );
  }
}

test(`threshold_backward (${kernels().name}) gives the mask-and-where composition's bits on every layout`, () => {
  const rows = 7;
  const cols = 13;
  let cases = 0;
  for (const C of [Float32Array, Float64Array]) {
    for (const threshold of [0, -0.5, 3, Infinity]) {
      for (const lg of LAYOUTS) {
        for (const ls of LAYOUTS) {
          for (const strided_out of [false, true]) {
            const grad = view(C, rows, cols, lg, 11);
            const self = view(C, rows, cols, ls, 29);
            const dtype = C === Float32Array ? float32 : float64;
            const make_out = (): StridedView<Arr> =>
              strided_out
                ? {
                    data: new C(rows * cols + 1).fill(7),
                    dtype,
                    shape: [rows, cols],
                    strides: [1, rows],
                    offset: 1,
                  }
                : {
                    data: new C(rows * cols).fill(7),
                    dtype,
                    shape: [rows, cols],
                    strides: [cols, 1],
                    offset: 0,
                  };
            const out = make_out();
            const ref = make_out();
            kernels().threshold_backward(grad, self, threshold, out);
            composed(grad, self, threshold, ref);
            const what = `${C.name} threshold ${threshold} grad ${lg} self ${ls}${strided_out ? " strided out" : ""}`;
            assert_same_bits(read(out), read(ref), what);
            // every element is written: the fill value 7 never survives (7 is not among the inputs)
            assert.ok(!read(out).includes(7), what);
            cases++;
          }
        }
      }
    }
  }
  assert.equal(cases, 2 * 4 * LAYOUTS.length * LAYOUTS.length * 2);
});

test("threshold_backward: NaN in self passes the gradient, 0 and -0 block it at threshold 0", () => {
  const self = Float32Array.from([NaN, 0, -0, 1e-45, -1e-45, Infinity, -Infinity]);
  const grad = Float32Array.from([1, 2, 3, 4, 5, Infinity, NaN]);
  const out = new Float32Array(7);
  const v = (data: Float32Array): StridedView => ({
    data,
    dtype: float32,
    shape: [7],
    strides: [1],
    offset: 0,
  });
  kernels().threshold_backward(v(grad), v(self), 0, v(out));
  assert_same_bits(Array.from(out), [1, 0, 0, 4, 0, Infinity, 0], "float32");
});

// Expected values: torch 2.x, torch.relu(x).backward(g) and F.threshold(x, 0., 5.).backward(g)
// with x = [nan, 0, -0, 1, -1, inf, -inf], g = [1..7], float32 and float64 alike.
test("relu and threshold gradients at NaN, +-0 and +-inf are PyTorch's", () => {
  for (const dtype of [torch.float32, torch.float64]) {
    const g = torch.tensor([1, 2, 3, 4, 5, 6, 7], { dtype });
    for (const f of [
      (x: torch.Tensor) => torch.relu(x),
      (x: torch.Tensor) => torch.nn.functional.threshold(x, 0, 5),
    ]) {
      const x = torch.tensor([NaN, 0, -0, 1, -1, Infinity, -Infinity], { dtype, requires_grad: true });
      f(x).backward(g);
      assert.deepEqual(x.grad!.tolist(), [1, 0, 0, 4, 0, 6, 0]);
    }
    // relu_ on a non-leaf keeps ReluBackward0 and the same gradient
    const x = torch.tensor([NaN, 0, -0, 1, -1, Infinity, -Infinity], { dtype, requires_grad: true });
    const y = x.mul(1);
    torch.relu_(y);
    assert.equal(y.grad_fn!.name(), "ReluBackward0");
    y.backward(g);
    assert.deepEqual(x.grad!.tolist(), [1, 0, 0, 4, 0, 6, 0]);
  }
});

test("relu's double backward: ThresholdBackwardBackward0 over grad and relu's result, gradgradcheck", () => {
  const x = torch.tensor([1.5, -2, 3, -0.25], { dtype: torch.float64, requires_grad: true });
  const v = torch.tensor([0.5, 2, -1, 4], { dtype: torch.float64, requires_grad: true });
  const gx = torch.autograd.grad([torch.relu(x)], [x], [v], { create_graph: true })[0]!;
  assert.equal(gx.grad_fn!.name(), "ThresholdBackwardBackward0");
  assert.deepEqual(
    gx.grad_fn!.next_functions.map((e) => e[0]?.name() ?? null),
    ["AccumulateGrad", "ReluBackward0"],
  );
  assert.deepEqual(gx.tolist(), [0.5, 0, -1, 0]);
  // d(gx . w)/dv = threshold_backward(w, result, 0); x only through the mask: zero
  const w = torch.tensor([1, 1, 2, 2], { dtype: torch.float64 });
  const [gv, gx2] = torch.autograd.grad([gx], [v, x], [w], { allow_unused: true });
  assert.deepEqual(gv!.tolist(), [1, 0, 2, 0]);
  assert.deepEqual(gx2!.tolist(), [0, 0, 0, 0]);
  assert.ok(torch.autograd.gradgradcheck((t: torch.Tensor) => torch.relu(t), [x]));
  const t = torch.tensor([0.7, -1.3, 2.1], { dtype: torch.float64, requires_grad: true });
  assert.ok(
    torch.autograd.gradgradcheck((a: torch.Tensor) => torch.nn.functional.threshold(a, 0.2, -4), [t]),
  );
});
