/**
 * Sorting kernels: sort, topk and kthvalue along one dim. Each slice along dim is copied into a
 * pair of Float64 work arrays (value, original index) borrowed for the call, ordered there, and
 * written back through the outputs' strides.
 *
 * Which of several equal elements comes first is part of the result (the indices), so the
 * unstable paths reproduce what PyTorch's CPU kernels do: they are ports of the libstdc++
 * algorithms PyTorch calls (std::sort's introsort, std::partial_sort's heap select and
 * std::nth_element's introselect), with PyTorch's comparators, in which NaN is above every
 * number. A stable sort orders by (value, index), which is exactly std::stable_sort's result.
 */
import type { StridedView } from "../backend.js";
import type { Kernel } from "../kernels.js";
import { borrow, give_back } from "./scratch.js";

type Less = (a: number, b: number) => boolean;

/** KeyValueCompAsc: NaN sorts last. */
const asc: Less = (a, b) => (a === a && b !== b) || a < b;
/** KeyValueCompDesc: NaN sorts first. */
const desc: Less = (a, b) => (a !== a && b === b) || a > b;

/**
 * One call's work: the slice's values and the indices travelling with them (buffers borrowed
 * from scratch.ts for the call, so the kernels are re-entrant), and the order.
 */
interface Work {
  readonly V: Float64Array;
  readonly I: Float64Array;
  readonly lt: Less;
}

/** Runs fn with work buffers of n elements ordered by lt, giving them back afterwards. */
function with_work(n: number, lt: Less, fn: (w: Work) => void): void {
  const w: Work = { V: borrow(n), I: borrow(n), lt };
  try {
    fn(w);
  } finally {
    give_back(w.V);
    give_back(w.I);
  }
}

function swap(w: Work, a: number, b: number): void {
  const { V, I } = w;
  const tv = V[a];
  V[a] = V[b];
  V[b] = tv;
  const ti = I[a];
  I[a] = I[b];
  I[b] = ti;
}

/** floor(log2(n)) for n >= 1, std::__lg. */
const lg = (n: number): number => 31 - Math.clz32(n);

// ---------------------------------------------------------------- std::sort (introsort)
function std_sort(w: Work, first: number, last: number): void {
  if (last - first < 2) return;
  introsort_loop(w, first, last, 2 * lg(last - first));
  final_insertion_sort(w, first, last);
}

const THRESHOLD = 16;

function introsort_loop(w: Work, first: number, last: number, depth: number): void {
  while (last - first > THRESHOLD) {
    if (depth === 0) {
      heap_select(w, first, last, last);
      sort_heap(w, first, last);
      return;
    }
    depth--;
    const cut = unguarded_partition_pivot(w, first, last);
    introsort_loop(w, cut, last, depth);
    last = cut;
  }
}

function move_median_to_first(w: Work, result: number, a: number, b: number, c: number): void {
  const { V, lt } = w;
  if (lt(V[a], V[b])) {
    if (lt(V[b], V[c])) swap(w, result, b);
    else if (lt(V[a], V[c])) swap(w, result, c);
    else swap(w, result, a);
  } else if (lt(V[a], V[c])) swap(w, result, a);
  else if (lt(V[b], V[c])) swap(w, result, c);
  else swap(w, result, b);
}

function unguarded_partition(w: Work, first: number, last: number, pivot: number): number {
  const { V, lt } = w;
  for (;;) {
    while (lt(V[first], V[pivot])) first++;
    last--;
    while (lt(V[pivot], V[last])) last--;
    if (!(first < last)) return first;
    swap(w, first, last);
    first++;
  }
}

function unguarded_partition_pivot(w: Work, first: number, last: number): number {
  const mid = first + ((last - first) >> 1);
  move_median_to_first(w, first, first + 1, mid, last - 1);
  return unguarded_partition(w, first + 1, last, first);
}

function unguarded_linear_insert(w: Work, last: number): void {
  const { V, I, lt } = w;
  const tv = V[last];
  const ti = I[last];
  let next = last - 1;
  while (lt(tv, V[next])) {
    V[last] = V[next];
    I[last] = I[next];
    last = next;
    next--;
  }
  V[last] = tv;
  I[last] = ti;
}

function insertion_sort(w: Work, first: number, last: number): void {
  const { V, I, lt } = w;
  if (first === last) return;
  for (let i = first + 1; i < last; i++) {
    if (lt(V[i], V[first])) {
      const tv = V[i];
      const ti = I[i];
      for (let k = i; k > first; k--) {
        V[k] = V[k - 1];
        I[k] = I[k - 1];
      }
      V[first] = tv;
      I[first] = ti;
    } else {
      unguarded_linear_insert(w, i);
    }
  }
}

function final_insertion_sort(w: Work, first: number, last: number): void {
  if (last - first > THRESHOLD) {
    insertion_sort(w, first, first + THRESHOLD);
    for (let i = first + THRESHOLD; i < last; i++) unguarded_linear_insert(w, i);
  } else {
    insertion_sort(w, first, last);
  }
}

// ---------------------------------------------------------------- heaps (std::partial_sort)
function push_heap(w: Work, first: number, hole: number, top: number, tv: number, ti: number): void {
  const { V, I, lt } = w;
  let parent = ((hole - 1) / 2) | 0;
  while (hole > top && lt(V[first + parent], tv)) {
    V[first + hole] = V[first + parent];
    I[first + hole] = I[first + parent];
    hole = parent;
    parent = ((hole - 1) / 2) | 0;
  }
  V[first + hole] = tv;
  I[first + hole] = ti;
}

function adjust_heap(w: Work, first: number, hole: number, len: number, tv: number, ti: number): void {
  const { V, I, lt } = w;
  const top = hole;
  let second = hole;
  while (second < (((len - 1) / 2) | 0)) {
    second = 2 * (second + 1);
    if (lt(V[first + second], V[first + second - 1])) second--;
    V[first + hole] = V[first + second];
    I[first + hole] = I[first + second];
    hole = second;
  }
  if ((len & 1) === 0 && second === (((len - 2) / 2) | 0)) {
    second = 2 * (second + 1);
    V[first + hole] = V[first + second - 1];
    I[first + hole] = I[first + second - 1];
    hole = second - 1;
  }
  push_heap(w, first, hole, top, tv, ti);
}

function make_heap(w: Work, first: number, last: number): void {
  const { V, I } = w;
  const len = last - first;
  if (len < 2) return;
  for (let parent = (len - 2) >> 1; ; parent--) {
    adjust_heap(w, first, parent, len, V[first + parent], I[first + parent]);
    if (parent === 0) return;
  }
}

function pop_heap(w: Work, first: number, last: number, result: number): void {
  const { V, I } = w;
  const tv = V[result];
  const ti = I[result];
  V[result] = V[first];
  I[result] = I[first];
  adjust_heap(w, first, 0, last - first, tv, ti);
}

function heap_select(w: Work, first: number, middle: number, last: number): void {
  const { V, lt } = w;
  make_heap(w, first, middle);
  for (let i = middle; i < last; i++) if (lt(V[i], V[first])) pop_heap(w, first, middle, i);
}

function sort_heap(w: Work, first: number, last: number): void {
  while (last - first > 1) {
    last--;
    pop_heap(w, first, last, last);
  }
}

// ---------------------------------------------------------------- std::nth_element (introselect)
function nth_element(w: Work, first: number, nth: number, last: number): void {
  if (first === last || nth === last) return;
  let depth = 2 * lg(last - first);
  while (last - first > 3) {
    if (depth === 0) {
      heap_select(w, first, nth + 1, last);
      swap(w, first, nth);
      return;
    }
    depth--;
    const cut = unguarded_partition_pivot(w, first, last);
    if (cut <= nth) first = cut;
    else last = cut;
  }
  insertion_sort(w, first, last);
}

// ---------------------------------------------------------------- slices
/** Offsets of every position of `shape` except along dim (row-major), for each view. */
function slice_starts(shape: readonly number[], dim: number, views: readonly StridedView[]): number[][] {
  const outer = shape.map((s, d) => (d === dim ? 1 : s));
  let count = 1;
  for (const s of outer) count *= s;
  const starts = views.map(() => new Array<number>(count));
  const idx = new Array<number>(outer.length).fill(0);
  for (let c = 0; c < count; c++) {
    views.forEach((v, k) => {
      let off = v.offset;
      for (let d = 0; d < idx.length; d++) off += idx[d] * v.strides[d];
      starts[k][c] = off;
    });
    for (let d = outer.length - 1; d >= 0; d--) {
      if (++idx[d] < outer[d]) break;
      idx[d] = 0;
    }
  }
  return starts;
}

function load(w: Work, x: StridedView, start: number, step: number, n: number): void {
  const { V, I } = w;
  const xd = x.data;
  for (let j = 0; j < n; j++) {
    V[j] = xd[start + j * step];
    I[j] = j;
  }
}

/** Total order on (value, index), for the stable sort. */
function stable_order(w: Work, n: number, descending: boolean): Int32Array {
  const v = w.V;
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  const less = descending ? desc : asc;
  order.sort((a, b) => (less(v[a], v[b]) ? -1 : less(v[b], v[a]) ? 1 : a - b));
  return order;
}

export const sort: Kernel<"sort"> = (x, dim, descending, stable, values, indices) => {
  if (x.shape.length === 0) return sort(pad(x), 0, descending, stable, pad(values), pad(indices));
  const n = x.shape[dim];
  const step = x.strides[dim];
  const vs = values.strides[dim];
  const is = indices.strides[dim];
  const [xs, vo, io] = slice_starts(x.shape, dim, [x, values, indices]);
  with_work(n, descending ? desc : asc, (w) => {
    const { V, I } = w;
    for (let c = 0; c < xs.length; c++) {
      load(w, x, xs[c], step, n);
      // PyTorch leaves a slice read through a zero stride (an expanded input) in input order
      if (step !== 0 && n > 1) {
        if (stable) {
          const order = stable_order(w, n, descending);
          const v = V.slice(0, n);
          for (let j = 0; j < n; j++) {
            V[j] = v[order[j]];
            I[j] = order[j];
          }
        } else {
          std_sort(w, 0, n);
        }
      }
      for (let j = 0; j < n; j++) {
        values.data[vo[c] + j * vs] = V[j];
        indices.data[io[c] + j * is] = I[j];
      }
    }
  });
};

/** A 0-dim view as a 1-element 1-dim one: each kernel handles a 0-dim call through this. */
function pad(v: StridedView): StridedView {
  return { data: v.data, dtype: v.dtype, shape: [1], strides: [0], offset: v.offset };
}

export const topk: Kernel<"topk"> = (x, dim, k, largest, sorted, values, indices) => {
  if (k === 0) return;
  if (x.shape.length === 0) return topk(pad(x), 0, k, largest, sorted, pad(values), pad(indices));
  const n = x.shape[dim];
  const step = x.strides[dim];
  const vs = values.strides[dim];
  const is = indices.strides[dim];
  // the outputs have k (or 1) along dim: their slices start where x's do, in their own strides
  const [xs, vo, io] = slice_starts(x.shape, dim, [x, values, indices]);
  with_work(n, largest ? desc : asc, (w) => {
    const { V, I } = w;
    for (let c = 0; c < xs.length; c++) {
      load(w, x, xs[c], step, n);
      // TopKImpl.h: partial_sort when k is small against n, else nth_element (+ sort of the rest)
      if (k * 64 <= n) {
        heap_select(w, 0, k, n);
        sort_heap(w, 0, k);
      } else {
        nth_element(w, 0, k - 1, n);
        if (sorted) std_sort(w, 0, k - 1);
      }
      for (let j = 0; j < k; j++) {
        values.data[vo[c] + j * vs] = V[j];
        indices.data[io[c] + j * is] = I[j];
      }
    }
  });
};

/**
 * PyTorch's quick_select_template (SortingUtils.h): median-of-three quick-select moving
 * (value, index) pairs, with NaN greater than every number.
 */
function quick_select(w: Work, n: number, k: number): void {
  const { V } = w;
  const gt = (a: number, b: number) => (a !== a && b === b) || a > b;
  let L = 0;
  let R = n - 1;
  for (;;) {
    if (R <= L) return;
    if (R === L + 1) {
      if (gt(V[L], V[R])) swap(w, L, R);
      return;
    }
    const P = L + Math.floor((R - L) / 2);
    swap(w, P, L + 1);
    if (gt(V[L + 1], V[R])) swap(w, L + 1, R);
    if (gt(V[L], V[R])) swap(w, L, R);
    if (gt(V[L + 1], V[L])) swap(w, L + 1, L);
    let i = L + 1;
    let j = R;
    const piv = V[L];
    for (;;) {
      do i++;
      while (gt(piv, V[i]));
      do j--;
      while (gt(V[j], piv));
      if (j < i) break;
      swap(w, i, j);
    }
    swap(w, L, j);
    if (j <= k) L = i;
    if (j >= k) R = j - 1;
  }
}

export const kthvalue: Kernel<"kthvalue"> = (x, dim, k, values, indices) => {
  if (x.shape.length === 0) return kthvalue(pad(x), 0, k, pad(values), pad(indices));
  const n = x.shape[dim];
  const step = x.strides[dim];
  // the outputs have k (or 1) along dim: their slices start where x's do, in their own strides
  const [xs, vo, io] = slice_starts(x.shape, dim, [x, values, indices]);
  // quick_select has its own comparator (NaN the greatest)
  with_work(n, asc, (w) => {
    for (let c = 0; c < xs.length; c++) {
      load(w, x, xs[c], step, n);
      quick_select(w, n, k - 1);
      values.data[vo[c]] = w.V[k - 1];
      indices.data[io[c]] = w.I[k - 1];
    }
  });
};
