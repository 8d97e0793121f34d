/**
 * Strided iteration for the js kernels. Dimensions are first coalesced (merged wherever every
 * operand's layout allows), so a contiguous or simply transposed tensor becomes one or two
 * long rows; kernels then run a plain loop per row.
 */
import type { StridedView } from "../backend.js";

export interface Rows {
  /** length of each row (the innermost coalesced dimension) */
  readonly n: number;
  /** number of rows */
  readonly count: number;
  /** each operand's stride along a row */
  readonly inner: number[];
  /** advance to row r (0-based, in order) and return each operand's offset of that row's start */
  readonly start: number[];
  next(): void;
}

/**
 * Iterates the rows of `shape` over several views of that shape. Usage:
 *   const it = rows(shape, [a, out]); for (let r = 0; r < it.count; r++, it.next()) { ... it.start[k] ... }
 */
export function rows(shape: readonly number[], views: readonly StridedView[]): Rows {
  return new RowIter(shape, views);
}

/**
 * The row iterator: a class rather than a closure, and every operand's strides in one flat
 * array (operand j's stride along coalesced dim d at j * nd + d), since small ops make one per
 * call and its allocations are most of their cost.
 */
class RowIter implements Rows {
  readonly n: number;
  readonly count: number;
  readonly inner: number[];
  readonly start: number[];
  private readonly k: number;
  private readonly nd: number;
  private readonly sizes: number[];
  private readonly strides: number[];
  private readonly counter: number[];

  constructor(shape: readonly number[], views: readonly StridedView[]) {
    const k = views.length;
    // coalesce: dims d-1 and d merge when for every operand stride[d-1] == stride[d] * size[d];
    // strides are first gathered per dim (k at a time), then transposed to per operand
    const sizes: number[] = [];
    const by_dim: number[] = [];
    let total = 1;
    for (let d = 0; d < shape.length; d++) {
      const size = shape[d];
      total *= size;
      if (size === 1) continue; // any stride, never stepped
      const last = sizes.length - 1;
      let merge = last >= 0;
      for (let j = 0; j < k && merge; j++) merge = by_dim[last * k + j] === views[j].strides[d] * size;
      if (merge) {
        sizes[last] *= size;
        for (let j = 0; j < k; j++) by_dim[last * k + j] = views[j].strides[d];
      } else {
        sizes.push(size);
        for (let j = 0; j < k; j++) by_dim.push(views[j].strides[d]);
      }
    }
    const nd = sizes.length;
    const strides = new Array<number>(nd * k);
    for (let d = 0; d < nd; d++) for (let j = 0; j < k; j++) strides[j * nd + d] = by_dim[d * k + j];
    const n = total === 0 ? 0 : nd ? sizes[nd - 1] : 1;
    this.n = n;
    this.count = total === 0 || n === 0 ? 0 : total / n;
    this.inner = new Array<number>(k);
    this.start = new Array<number>(k);
    for (let j = 0; j < k; j++) {
      this.inner[j] = nd ? strides[j * nd + nd - 1] : 0;
      this.start[j] = views[j].offset;
    }
    this.k = k;
    this.nd = nd;
    this.sizes = sizes;
    this.strides = strides;
    this.counter = nd > 1 ? new Array<number>(nd - 1).fill(0) : [];
  }

  next(): void {
    const { k, nd, sizes, strides, counter, start } = this;
    for (let d = nd - 2; d >= 0; d--) {
      const c = counter[d] + 1;
      if (c < sizes[d]) {
        counter[d] = c;
        for (let j = 0; j < k; j++) start[j] += strides[j * nd + d];
        return;
      }
      counter[d] = 0;
      for (let j = 0; j < k; j++) start[j] -= strides[j * nd + d] * (sizes[d] - 1);
    }
  }
}

/**
 * How a view steps through its elements in row-major order, when that is one plain run: 1 when
 * it is dense (element i at offset + i), 0 when every element is the same one (a scalar or a
 * size-1 tensor broadcast through zero strides), -1 otherwise. Small ops mix exactly these two
 * kinds (`x.mul(w)` with w of shape [1], `x.pow(2)`), and a run needs none of the row
 * iterator's allocations.
 */
export function run_step(v: StridedView): number {
  const { shape, strides } = v;
  let dense = true;
  let zero = true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const s = shape[i];
    if (s === 1) continue;
    const st = strides[i];
    if (st !== expected) dense = false;
    if (st !== 0) zero = false;
    expected *= s;
  }
  return dense ? 1 : zero ? 0 : -1;
}

/** True when v covers data[offset .. offset+numel) in row-major order. */
export function is_dense(v: StridedView): boolean {
  let expected = 1;
  for (let i = v.shape.length - 1; i >= 0; i--) {
    const s = v.shape[i];
    if (s !== 1 && v.strides[i] !== expected) return false;
    expected *= s;
  }
  return true;
}

export function view_numel(v: StridedView): number {
  let n = 1;
  for (const s of v.shape) n *= s;
  return n;
}
