/**
 * PyTorch's tensor printing (torch/_tensor_str.py), ported line for line so that String(t) and
 * console.log(t) equal Python's repr(t): the _Formatter's choice of integer, fixed or scientific
 * notation and its common width, nested brackets with indentation, wrapping at `linewidth`,
 * summarisation with `...` above `threshold`, and the suffixes (size, dtype, grad_fn,
 * requires_grad) in PyTorch's order. Numbers are formatted as Python's `{:.4f}` / `{:.4e}` do
 * (src/format.ts).
 */
import { get_default_dtype } from "../dtype.js";
import { format_exp, format_fixed } from "../format.js";
import { kwargs } from "./args.js";
import type { Tensor } from "./tensor.js";
// registers the developer tools formatter (a side effect, listed in package.json)
import "../devtools.js";

interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sci_mode: boolean | null;
}

const PRINT_OPTS: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sci_mode: null,
};

export interface SetPrintOptions {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  profile?: "default" | "short" | "full";
  sci_mode?: boolean | null;
}

/**
 * torch.set_printoptions: as in PyTorch, options not given keep their value, except sci_mode,
 * which every call resets to automatic (null) unless it is given.
 */
export function set_printoptions(
  ...args:
    [SetPrintOptions?] | [number?, number?, number?, number?, string?, (boolean | null)?, SetPrintOptions?]
): void {
  const o = kwargs<Required<SetPrintOptions>>("set_printoptions", args, [
    "precision",
    "threshold",
    "edgeitems",
    "linewidth",
    "profile",
    "sci_mode",
  ]);
  if (o.profile !== undefined) {
    const p = o.profile;
    if (p === "default")
      Object.assign(PRINT_OPTS, { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 });
    else if (p === "short")
      Object.assign(PRINT_OPTS, { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 });
    else if (p === "full") {
      Object.assign(PRINT_OPTS, { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 });
    }
  }
  if (o.precision !== undefined) PRINT_OPTS.precision = o.precision;
  if (o.threshold !== undefined) PRINT_OPTS.threshold = o.threshold;
  if (o.edgeitems !== undefined) PRINT_OPTS.edgeitems = o.edgeitems;
  if (o.linewidth !== undefined) PRINT_OPTS.linewidth = o.linewidth;
  PRINT_OPTS.sci_mode = o.sci_mode ?? null;
}

/** torch.get_printoptions (PyTorch 2.x): the current options, as a new object. */
export function get_printoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}

function pad_left(s: string, width: number): string {
  return s.length >= width ? s : " ".repeat(width - s.length) + s;
}

// ---------------------------------------------------------------- reading values

/** The values the formatter looks at (every one, or the summary's edges), read through the strides. */
function values_of(t: Tensor, keep: (dim: number, size: number) => number[]): number[] {
  const d = t._storage.data;
  const out: number[] = [];
  const rec = (dim: number, off: number): void => {
    if (dim === t.shape.length) {
      out.push(d[off]);
      return;
    }
    for (const i of keep(dim, t.shape[dim])) rec(dim + 1, off + i * t._strides[dim]);
  };
  rec(0, t._offset);
  return out;
}

function all_indices(_dim: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => i);
}

/** The indices get_summarized_data keeps along a dim: the edges when it is long. */
function edge_indices(_dim: number, size: number): number[] {
  const e = PRINT_OPTS.edgeitems;
  if (size <= 2 * e) return all_indices(0, size);
  const out: number[] = [];
  for (let i = 0; i < e; i++) out.push(i);
  for (let i = size - e; i < size; i++) out.push(i);
  return out;
}

// ---------------------------------------------------------------- _Formatter

class Formatter {
  readonly floating_dtype: boolean;
  readonly is_bool: boolean;
  int_mode = true;
  sci_mode = false;
  max_width = 1;

  constructor(t: Tensor, values: readonly number[]) {
    this.floating_dtype = t.dtype.is_floating_point;
    this.is_bool = t.dtype.name === "bool";
    const p = PRINT_OPTS.precision;
    if (!this.floating_dtype) {
      for (const v of values) this.max_width = Math.max(this.max_width, this.int_str(v).length);
    } else {
      const vals = values.filter((v) => Number.isFinite(v) && v !== 0);
      // no valid number: PyTorch returns before applying the sci_mode print option
      if (vals.length === 0) return;
      let min = Infinity;
      let max = 0;
      for (const v of vals) {
        const a = Math.abs(v);
        if (a < min) min = a;
        if (a > max) max = a;
      }
      for (const v of vals) {
        if (v !== Math.ceil(v)) {
          this.int_mode = false;
          break;
        }
      }
      if (this.int_mode) {
        // integral floats print as "1." : one more character than the digits
        if (max / min > 1000.0 || max > 1.0e8) {
          this.sci_mode = true;
          for (const v of vals) this.max_width = Math.max(this.max_width, format_exp(v, p).length);
        } else {
          for (const v of vals) this.max_width = Math.max(this.max_width, format_fixed(v, 0).length + 1);
        }
      } else if (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4) {
        this.sci_mode = true;
        for (const v of vals) this.max_width = Math.max(this.max_width, format_exp(v, p).length);
      } else {
        for (const v of vals) this.max_width = Math.max(this.max_width, format_fixed(v, p).length);
      }
    }
    if (PRINT_OPTS.sci_mode !== null) this.sci_mode = PRINT_OPTS.sci_mode;
  }

  private int_str(v: number): string {
    if (this.is_bool) return v !== 0 ? "True" : "False";
    return String(v === 0 ? 0 : v);
  }

  width(): number {
    return this.max_width;
  }

  format(value: number): string {
    let ret: string;
    if (this.floating_dtype) {
      if (this.sci_mode) ret = pad_left(format_exp(value, PRINT_OPTS.precision), this.max_width);
      else if (this.int_mode) {
        ret = format_fixed(value, 0);
        if (Number.isFinite(value)) ret += ".";
      } else ret = format_fixed(value, PRINT_OPTS.precision);
    } else ret = this.int_str(value);
    return pad_left(ret, this.max_width);
  }
}

// ---------------------------------------------------------------- layout

interface View {
  t: Tensor;
  /** offset of this sub-tensor's first element; dims from `dim` on remain */
  off: number;
  dim: number;
}

function vector_str(v: View, indent: number, summarize: boolean, f: Formatter): string {
  const element_length = f.width() + 2;
  const elements_per_line = Math.max(1, Math.floor((PRINT_OPTS.linewidth - indent) / element_length));
  const { t, off, dim } = v;
  const d = t._storage.data;
  const size = t.shape[dim];
  const stride = t._strides[dim];
  const e = PRINT_OPTS.edgeitems;
  const fmt = (i: number): string => f.format(d[off + i * stride]);
  let data: string[];
  if (summarize && size > 2 * e) {
    data = [];
    for (let i = 0; i < e; i++) data.push(fmt(i));
    data.push(" ...");
    for (let i = size - e; i < size; i++) data.push(fmt(i));
  } else data = Array.from({ length: size }, (_, i) => fmt(i));
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += elements_per_line) {
    lines.push(data.slice(i, i + elements_per_line).join(", "));
  }
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensor_str_with_formatter(v: View, indent: number, summarize: boolean, f: Formatter): string {
  const { t, off, dim } = v;
  const ndim = t.shape.length - dim;
  if (ndim === 0) return f.format(t._storage.data[off]);
  if (ndim === 1) return vector_str(v, indent, summarize, f);
  const size = t.shape[dim];
  const stride = t._strides[dim];
  const e = PRINT_OPTS.edgeitems;
  const sub = (i: number): string =>
    tensor_str_with_formatter({ t, off: off + i * stride, dim: dim + 1 }, indent + 1, summarize, f);
  let slices: string[];
  if (summarize && size > 2 * e) {
    slices = [];
    for (let i = 0; i < e; i++) slices.push(sub(i));
    slices.push("...");
    for (let i = size - e; i < size; i++) slices.push(sub(i));
  } else slices = Array.from({ length: size }, (_, i) => sub(i));
  return "[" + slices.join("," + "\n".repeat(ndim - 1) + " ".repeat(indent + 1)) + "]";
}

function tensor_str(t: Tensor, indent: number): string {
  if (t.numel() === 0) return "[]";
  const summarize = t.numel() > PRINT_OPTS.threshold;
  const f = new Formatter(t, values_of(t, summarize ? edge_indices : all_indices));
  return tensor_str_with_formatter({ t, off: t._offset, dim: 0 }, indent, summarize, f);
}

function add_suffixes(tensor_str: string, suffixes: readonly string[], indent: number): string {
  const parts = [tensor_str];
  // PyTorch's arithmetic, quirks included: without a newline rfind gives -1, so this is len + 2
  let last_line_len = tensor_str.length - tensor_str.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    if (last_line_len + suffix.length + 2 > PRINT_OPTS.linewidth) {
      parts.push(",\n" + " ".repeat(indent) + suffix);
      last_line_len = indent + suffix.length;
    } else {
      parts.push(", " + suffix);
      last_line_len += suffix.length + 2;
    }
  }
  parts.push(")");
  return parts.join("");
}

/** Python's repr of a shape tuple: (0,), (0, 3). */
function tuple_str(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** repr(t), as torch/_tensor_str.py's _str_intern for a strided cpu tensor. */
export function format_tensor(t: Tensor): string {
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];
  const dtype_suffix = `dtype=${String(t.dtype)}`;
  let body: string;
  if (t.numel() === 0) {
    // no elements to tell int64 from float: the dtype is printed unless it is the default
    if (t.shape.length !== 1) suffixes.push(`size=${tuple_str(t.shape)}`);
    if (t.dtype !== get_default_dtype()) suffixes.push(dtype_suffix);
    body = "[]";
  } else {
    const name = t.dtype.name;
    if (t.dtype !== get_default_dtype() && name !== "int64" && name !== "bool") suffixes.push(dtype_suffix);
    body = tensor_str(t, indent);
  }
  if (t.grad_fn !== null) suffixes.push(`grad_fn=<${t.grad_fn.name()}>`);
  else if (t.requires_grad) suffixes.push("requires_grad=True");
  const s = add_suffixes(prefix + body, suffixes, indent);
  // nn.Parameter.__repr__
  return t._is_param ? `Parameter containing:\n${s}` : s;
}
