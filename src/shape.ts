/**
 * Sizes and strides: pure functions on number arrays, shared by tensors, ops and kernels.
 * Errors are worded as PyTorch words them, since users search for those messages.
 */

export type Shape = readonly number[];

// Shapes and strides are made packed (pushed or copied, never `new Array(n)`, which makes a holey
// array): code reading them then sees one kind of array, which the engine optimizes once rather
// than deoptimizing the first time the other kind reaches it.

export function numel(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

export function contiguous_strides(shape: Shape): number[] {
  const nd = shape.length;
  const strides: number[] = [];
  for (let i = 0; i < nd; i++) strides.push(1);
  let acc = 1;
  for (let i = nd - 1; i >= 0; i--) {
    strides[i] = acc;
    acc *= Math.max(shape[i], 1);
  }
  return strides;
}

/** PyTorch's definition: size-1 dimensions may have any stride; empty tensors are contiguous. */
export function is_contiguous(shape: Shape, strides: Shape): boolean {
  if (numel(shape) === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const s = shape[i];
    if (s !== 1) {
      if (strides[i] !== expected) return false;
      expected *= s;
    }
  }
  return true;
}

/** PyTorch's is_non_overlapping_and_dense: some permutation of the dims is contiguous. */
export function is_non_overlapping_and_dense(shape: Shape, strides: Shape): boolean {
  if (shape.length === 1) return shape[0] < 2 || strides[0] === 1;
  const perm = shape.map((_, i) => i);
  perm.sort((a, b) => (shape[a] < 2 ? 1 : shape[b] < 2 ? -1 : strides[a] - strides[b]));
  let required = 1;
  for (const d of perm) {
    if (shape[d] < 2) return true;
    if (strides[d] !== required) return false;
    required *= shape[d];
  }
  return true;
}

/**
 * The strides empty_like(x, preserve_format) gives: x's own when x is non-overlapping and
 * dense, else dense strides keeping the order of x's strides (ATen's infer_dense_strides).
 */
export function preserve_strides(shape: Shape, strides: Shape): number[] {
  if (is_non_overlapping_and_dense(shape, strides)) return strides.slice();
  const nd = shape.length;
  const perm = shape.map((_, i) => nd - 1 - i); // innermost first
  // insertion sort where a zero stride compares as ambiguous (keeps the contiguous order)
  const cmp = (a: number, b: number): number => {
    if (strides[a] === 0 || strides[b] === 0) return 0;
    if (strides[a] < strides[b]) return -1;
    if (strides[a] > strides[b]) return 1;
    return shape[a] > shape[b] ? 1 : 0;
  };
  for (let i = 1; i < nd; i++) {
    let d1 = i;
    for (let d0 = i - 1; d0 >= 0; d0--) {
      const c = cmp(perm[d0], perm[d1]);
      if (c > 0) {
        [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
        d1 = d0;
      } else if (c < 0) break;
    }
  }
  const out = new Array<number>(nd);
  let acc = 1;
  for (const d of perm) {
    out[d] = acc;
    if (shape[d] > 1) acc *= shape[d];
  }
  return out;
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
  // a few dims: a pairwise scan, no Set, no closure (every reduction of a step comes here)
  // (all normalized first: a dim out of range is reported before a repeat, as PyTorch does)
  const out: number[] = [];
  for (let i = 0; i < dims.length; i++) out.push(normalize_dim(dims[i], ndim));
  for (let i = 1; i < out.length; i++) {
    if (out.lastIndexOf(out[i], i - 1) >= 0) {
      throw new Error(`dim ${out[i]} appears multiple times in the list of dims`);
    }
  }
  return out;
}

/** The shape that tensors of the given shapes broadcast to; throws naming the sizes that do not match. */
export function broadcast_shapes(...shapes: Shape[]): number[] {
  if (shapes.length === 2) return broadcast_pair(shapes[0], shapes[1]);
  let out: number[] = [];
  for (const s of shapes) out = broadcast_pair(out, s);
  return out;
}

function broadcast_pair(a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(
        `The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`,
      );
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Resolves one -1 in a requested shape, as view/reshape do (ATen's infer_size). */
export function infer_size(shape: Shape, n: number): number[] {
  let infer = -1;
  let known = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i];
    if (s === -1) {
      if (infer >= 0) throw new Error("only one dimension can be inferred");
      infer = i;
    } else if (Number.isInteger(s) && s >= 0) {
      known *= s;
    } else {
      throw new Error(`invalid shape dimension ${s}`);
    }
  }
  const out = shape.slice();
  if (n === known || (infer >= 0 && known > 0 && n % known === 0)) {
    if (infer >= 0) {
      if (known === 0) {
        throw new Error(
          `cannot reshape tensor of 0 elements into shape ${fmt_shape(shape)} because the unspecified dimension size -1 can be any value and is ambiguous`,
        );
      }
      out[infer] = n / known;
    }
    return out;
  }
  throw new Error(`shape '${fmt_shape(shape)}' is invalid for input of size ${n}`);
}

/**
 * Strides for viewing (shape, strides) as new_shape without copying, or null when the layout
 * does not allow it (ATen's computeStride).
 */
export function view_strides(shape: Shape, strides: Shape, new_shape: Shape): number[] | null {
  if (shape.length === 0) return new_shape.map(() => 1);
  const n = numel(shape);
  if (n === 0) return shapes_equal(shape, new_shape) ? strides.slice() : contiguous_strides(new_shape);
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
