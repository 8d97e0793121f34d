/**
 * Sizes and strides: pure functions on number arrays, shared by tensors, ops and kernels.
 * Errors are worded as PyTorch words them, since users search for those messages.
 */

export type Shape = readonly number[];

export function numel(shape: Shape): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

export function contiguous_strides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return strides;
}

/** PyTorch's definition: size-1 dimensions may have any stride; empty tensors are contiguous. */
export function is_contiguous(shape: Shape, strides: Shape): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const s = shape[i];
    if (s === 0) return true;
    if (s !== 1) {
      if (strides[i] !== expected) return false;
      expected *= s;
    }
  }
  return true;
}

export function shapes_equal(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Wraps a possibly negative dim into [0, ndim), with PyTorch's IndexError wording. */
export function normalize_dim(dim: number, ndim: number): number {
  const n = Math.max(ndim, 1); // a scalar accepts dims -1 and 0
  if (!Number.isInteger(dim) || dim < -n || dim >= n) {
    throw new RangeError(
      `Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`,
    );
  }
  return dim < 0 ? dim + n : dim;
}

/** Normalizes a dim list, refusing repeats as PyTorch does. */
export function normalize_dims(dims: readonly number[], ndim: number): number[] {
  const out = dims.map((d) => normalize_dim(d, ndim));
  const seen = new Set<number>();
  for (const d of out) {
    if (seen.has(d)) throw new Error(`dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return out;
}

export function broadcast_shapes(...shapes: Shape[]): number[] {
  let out: number[] = [];
  for (const s of shapes) out = broadcast_pair(out, s);
  return out;
}

function broadcast_pair(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Resolves one -1 in a requested shape, as view/reshape do. */
export function infer_size(shape: Shape, n: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i];
    if (s === -1) {
      if (infer >= 0) throw new Error("only one dimension can be inferred");
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw new Error(`invalid shape dimension ${s}`);
    } else known *= s;
  }
  const out = shape.slice();
  if (infer >= 0) {
    if (known === 0 || n % known !== 0) {
      throw new Error(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
    }
    out[infer] = n / known;
  } else if (known !== n) {
    throw new Error(`shape '[${shape.join(", ")}]' is invalid for input of size ${n}`);
  }
  return out;
}

/**
 * Strides for viewing (shape, strides) as new_shape without copying, or null when the layout
 * does not allow it (ATen's computeStride).
 */
export function view_strides(shape: Shape, strides: Shape, new_shape: Shape): number[] | null {
  const n = numel(shape);
  if (n === 0 || shape.length === 0) return contiguous_strides(new_shape);
  const out = new Array<number>(new_shape.length);
  let view_d = new_shape.length - 1;
  let chunk_base_stride = strides.length ? strides[strides.length - 1] : 1;
  let tensor_numel = 1;
  let view_numel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensor_numel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensor_numel * chunk_base_stride)) {
      while (view_d >= 0 && (view_numel < tensor_numel || new_shape[view_d] === 1)) {
        out[view_d] = view_numel * chunk_base_stride;
        view_numel *= new_shape[view_d];
        view_d--;
      }
      if (view_numel !== tensor_numel) return null;
      if (d > 0) {
        chunk_base_stride = strides[d - 1];
        tensor_numel = 1;
        view_numel = 1;
      }
    }
  }
  if (view_d !== -1) return null;
  return out;
}

/** The "[2, 3]" form PyTorch prints in messages. */
export function fmt_shape(shape: Shape): string {
  return `[${shape.join(", ")}]`;
}
