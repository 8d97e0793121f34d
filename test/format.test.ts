/**
 * How values print (src/format.ts): Python's repr of floats, str of numbers and option values,
 * type names, and C++'s printing of a double, each against what Python and PyTorch print; and
 * the messages whose wording changed when their callers moved to these helpers.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../src/index.js";
import { cpp_double, py_float, py_number, py_str, py_tuple, py_type, torch_size } from "../src/format.js";

const { nn } = torch;

test("py_float is Python's repr(float): shortest digits, .0 when integral, two-digit exponents", () => {
  // [value, repr(value)] as Python 3 prints them
  const cases: [number, string][] = [
    [1, "1.0"],
    [-0.5, "-0.5"],
    [0.01, "0.01"],
    [1e-5, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [1e16, "1e+16"],
    [123456789012345.6, "123456789012345.6"],
    [1 / 3, "0.3333333333333333"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [NaN, "nan"],
    [-0, "-0.0"],
    [0, "0.0"],
    [1e-4, "0.0001"],
    [9.999e-5, "9.999e-05"],
    [2 ** 53, "9007199254740992.0"],
    [1e100, "1e+100"],
    [5e-324, "5e-324"],
    [1.7976931348623157e308, "1.7976931348623157e+308"],
    [0.1 + 0.2, "0.30000000000000004"],
  ];
  for (const [v, s] of cases) assert.equal(py_float(v), s, `repr(${v})`);
});

test("py_number prints an integral number as a Python int, anything else as py_float", () => {
  assert.equal(py_number(2), "2");
  assert.equal(py_number(-3), "-3");
  assert.equal(py_number(0.5), "0.5");
  assert.equal(py_number(1e-5), "1e-05");
  assert.equal(py_number(NaN), "nan");
  assert.equal(py_number(-Infinity), "-inf");
});

test("py_str and py_tuple print option values as Python's str()", () => {
  assert.equal(py_str(null), "None");
  assert.equal(py_str(undefined), "None");
  assert.equal(py_str(true), "True");
  assert.equal(py_str([0.9, 0.999]), "(0.9, 0.999)");
  assert.equal(py_str([1e-5]), "(1e-05,)");
  assert.equal(py_str("max"), "max");
  assert.equal(py_str(torch.tensor(0.5)), "tensor(0.5000)");
  assert.equal(py_tuple([4]), "(4,)");
  assert.equal(py_tuple([2, 3]), "(2, 3)");
  assert.equal(torch_size([2, 3]), "torch.Size([2, 3])");
  assert.equal(torch_size([]), "torch.Size([])");
  assert.equal(String(torch.zeros(2, 3).size()), torch_size([2, 3]));
});

test("py_type names a JS value's Python type", () => {
  assert.equal(py_type(null), "NoneType");
  assert.equal(py_type(1), "int");
  assert.equal(py_type(1.5), "float");
  assert.equal(py_type("a"), "str");
  assert.equal(py_type(false), "bool");
  assert.equal(py_type([]), "list");
  assert.equal(py_type({}), "dict");
  assert.equal(py_type(new nn.Linear(2, 2)), "Linear");
});

test("cpp_double prints as C++'s ostream (%g, 6 significant digits)", () => {
  const cases: [number, string][] = [
    [1, "1"],
    [0.1, "0.1"],
    [1e-7, "1e-07"],
    [1234567.5, "1.23457e+06"],
    [-123456789, "-1.23457e+08"],
    [0.0001, "0.0001"],
    [1.0000001, "1"],
    [Infinity, "inf"],
  ];
  for (const [v, s] of cases) assert.equal(cpp_double(v), s, `${v}`);
});

// PyTorch 1.13's messages for the same calls (the wording is unchanged in 2.x)
test("messages name Python's types: list, dict, bool", () => {
  assert.throws(() => new nn.Module().register_buffer("b", [1] as never), {
    message: "cannot assign 'list' object to buffer 'b' (torch Tensor or None required)",
  });
  assert.throws(() => new nn.Module().register_parameter("w", [] as never), {
    message: "cannot assign 'list' object to parameter 'w' (torch.nn.Parameter or None required)",
  });
  assert.throws(() => new nn.Linear(2, 2).load_state_dict(true as never), {
    message: "Expected state_dict to be dict-like, got <class 'bool'>.",
  });
  assert.throws(() => new torch.optim.lr_scheduler.StepLR({} as never, 1), {
    message: "dict is not an Optimizer",
  });
  assert.throws(() => new torch.optim.lr_scheduler.StepLR([] as never, 1), {
    message: "list is not an Optimizer",
  });
});

test("cross_entropy's label_smoothing message prints the value as C++ does", () => {
  const x = torch.zeros(2, 3);
  const t = torch.tensor([0, 1], { dtype: torch.int64 });
  assert.throws(() => torch.nn.functional.cross_entropy(x, t, { label_smoothing: 1234567.5 }), {
    message: "label_smoothing must be between 0.0 and 1.0. Got: 1.23457e+06",
  });
  assert.throws(() => torch.nn.functional.cross_entropy(x, t, { label_smoothing: 1.0000001 }), {
    message: "label_smoothing must be between 0.0 and 1.0. Got: 1",
  });
});
