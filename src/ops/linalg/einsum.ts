/**
 * torch.einsum: Einstein summation over a string equation, with "->" or the implicit output
 * (ellipsis dims first, then the letters used once, upper case before lower case, as PyTorch),
 * "..." broadcasting, repeated letters within an operand (diagonals) and any number of operands.
 *
 * The evaluation follows PyTorch's plan: per operand, take diagonals of repeated letters
 * (diagonal, then movedim) and sum out letters no other operand or the output uses; then
 * contract operands left to right, each pair as one bmm over (batch letters, kept letters,
 * contracted letters) laid out by permute + reshape. Everything is built from differentiable ops, so gradients (and double
 * backward) come from theirs; the node structure is not PyTorch's (docs/differences.md).
 *
 * Also aten's _trilinear in the one form F.bilinear uses: its own TrilinearBackward0 node, as in
 * PyTorch, with einsum forward and backward.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { bmm } from "./products.js";
import { diagonal, movedim } from "../shape/rearrange.js";
import { defineOp } from "../../autograd/define.js";

function fail(msg: string): never {
  throw new Error(`einsum(): ${msg}`);
}

const ELLIPSIS = -1;
/** Labels: 'A'-'Z' are 0-25 and 'a'-'z' 26-51 (PyTorch's order); ellipsis dims 52 and up. */
const ELL_BASE = 52;

function label_of(c: string, pos: number): number {
  const code = c.charCodeAt(0);
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97 + 26;
  return fail(
    `invalid subscript given at index ${pos} in the equation string, subscripts must be in [a-zA-Z]`,
  );
}

function char_of(label: number): string {
  return label < 26 ? String.fromCharCode(65 + label) : String.fromCharCode(97 + label - 26);
}

/** A term's letters and ellipsis, in order; `start` is its index in the equation, for messages. */
function parse_term(term: string, start: number, allow_missing_ellipsis: boolean): number[] {
  const out: number[] = [];
  let seen_ellipsis = false;
  for (let i = 0; i < term.length; i++) {
    if (term[i] === ".") {
      if (term.slice(i, i + 3) !== "..." || seen_ellipsis) {
        fail(
          seen_ellipsis
            ? `found more than one ellipsis ("...") in ${allow_missing_ellipsis ? "the output" : "an input operand"}`
            : `found '.' for ${allow_missing_ellipsis ? "output" : "operand"} that is not part of any ellipsis ("...")`,
        );
      }
      seen_ellipsis = true;
      out.push(ELLIPSIS);
      i += 2;
    } else {
      out.push(label_of(term[i], start + i));
    }
  }
  return out;
}

/** Sums of a tensor over the given dims, keeping the others in order. */
function sum_dims(x: Tensor, dims: number[]): Tensor {
  return dims.length ? x.sum(dims) : x;
}

interface Operand {
  t: Tensor;
  labels: number[];
}

/** Contracts two operands into one, keeping the letters in `needed`. */
function pair(a: Operand, b: Operand, needed: Set<number>): Operand {
  let at = a.t;
  let bt = b.t;
  // broadcast letters of size 1 in one operand against the other's size
  const shared = a.labels.filter((l) => b.labels.includes(l));
  for (const l of shared) {
    const ia = a.labels.indexOf(l);
    const ib = b.labels.indexOf(l);
    const sa = at.shape[ia];
    const sb = bt.shape[ib];
    if (sa === sb) continue;
    if (sa === 1) at = at.expand(at.shape.map((s, i) => (i === ia ? sb : s)));
    else bt = bt.expand(bt.shape.map((s, i) => (i === ib ? sa : s)));
  }
  const batch = shared.filter((l) => needed.has(l));
  const contract = shared.filter((l) => !needed.has(l));
  const am = a.labels.filter((l) => !shared.includes(l));
  const bn = b.labels.filter((l) => !shared.includes(l));
  const size = (t: Tensor, labels: number[], ls: number[]) => ls.map((l) => t.shape[labels.indexOf(l)]);
  const prod = (s: number[]) => s.reduce((p, v) => p * v, 1);
  const bs = size(at, a.labels, batch);
  const ms = size(at, a.labels, am);
  const ks = size(at, a.labels, contract);
  const ns = size(bt, b.labels, bn);
  const pa = at.permute([...batch, ...am, ...contract].map((l) => a.labels.indexOf(l)));
  const pb = bt.permute([...batch, ...contract, ...bn].map((l) => b.labels.indexOf(l)));
  const r = bmm(pa.reshape(prod(bs), prod(ms), prod(ks)), pb.reshape(prod(bs), prod(ks), prod(ns)));
  return { t: r.reshape([...bs, ...ms, ...ns]), labels: [...batch, ...am, ...bn] };
}

/** torch.einsum(equation, *operands) or torch.einsum(equation, [operands]). */
export function einsum(equation: string, ...operands: (Tensor | readonly Tensor[])[]): Tensor {
  const ops: Tensor[] =
    operands.length === 1 && Array.isArray(operands[0])
      ? (operands[0] as readonly Tensor[]).slice()
      : (operands as Tensor[]);
  if (ops.length === 0) fail("must provide at least one operand");
  const eq = equation.replace(/\s/g, "");
  const arrow = eq.indexOf("->");
  const lhs = arrow >= 0 ? eq.slice(0, arrow) : eq;
  const terms = lhs.split(",");
  if (terms.length > ops.length) fail("fewer operands were provided than specified in the equation");
  if (terms.length < ops.length) fail("more operands were provided than specified in the equation");

  // letters per operand dim, ellipsis dims numbered right-aligned from ELL_BASE
  let start = 0;
  const parsed = terms.map((term) => {
    const p = parse_term(term, start, false);
    start += term.length + 1;
    return p;
  });
  const ell_dims = parsed.map((p, i) => {
    const letters = p.filter((l) => l !== ELLIPSIS).length;
    const nd = ops[i].dim();
    if (p.includes(ELLIPSIS)) {
      if (letters > nd) {
        fail(
          `the number of subscripts in the equation (${letters}) is more than the number of dimensions (${nd}) for operand ${i}`,
        );
      }
      return nd - letters;
    }
    if (letters !== nd) {
      fail(
        `the number of subscripts in the equation (${letters}) does not match the number of dimensions (${nd}) for operand ${i} and no ellipsis was given`,
      );
    }
    return 0;
  });
  const E = Math.max(0, ...ell_dims);
  const ell = Array.from({ length: E }, (_, i) => ELL_BASE + i);
  const labels = parsed.map((p, i) => p.flatMap((l) => (l === ELLIPSIS ? ell.slice(E - ell_dims[i]) : [l])));

  // the output's letters
  const counts = new Map<number, number>();
  for (const ls of labels) for (const l of ls) counts.set(l, (counts.get(l) ?? 0) + 1);
  let out: number[];
  if (arrow >= 0) {
    const rhs = parse_term(eq.slice(arrow + 2), arrow + 2, true);
    out = rhs.flatMap((l) => (l === ELLIPSIS ? ell : [l]));
    const seen = new Set<number>();
    for (const l of rhs) {
      if (l === ELLIPSIS) continue;
      if (seen.has(l)) fail(`output subscript ${char_of(l)} appears more than once in the output`);
      if (!counts.has(l))
        fail(`output subscript ${char_of(l)} does not appear in the equation for any input operand`);
      seen.add(l);
    }
  } else {
    const once = [...counts.entries()].filter(([l, c]) => c === 1 && l < ELL_BASE).map(([l]) => l);
    out = [...ell, ...once.sort((x, y) => x - y)];
  }

  // sizes must agree across operands (1 broadcasts)
  const sizes = new Map<number, number>();
  labels.forEach((ls, i) =>
    ls.forEach((l, d) => {
      const s = ops[i].shape[d];
      const first = ls.indexOf(l);
      if (first !== d && ops[i].shape[first] !== s) {
        fail(
          `subscript ${char_of(l)} is repeated for operand ${i} but the sizes don't match, ${s} != ${ops[i].shape[first]}`,
        );
      }
      const prev = sizes.get(l);
      if (prev === undefined || prev === 1) sizes.set(l, s);
      else if (s !== 1 && s !== prev) {
        fail(
          l >= ELL_BASE
            ? `operands do not broadcast with remapped shapes (original->remapped)`
            : `subscript ${char_of(l)} has size ${s} for operand ${i} which does not broadcast with previously seen size ${prev}`,
        );
      }
    }),
  );

  // per operand: diagonals of repeated letters, then sums of letters used nowhere else
  const out_set = new Set(out);
  const operands_: Operand[] = ops.map((t, i) => {
    let x = t;
    const ls = labels[i].slice();
    for (let d2 = 0; d2 < ls.length; d2++) {
      const d1 = ls.indexOf(ls[d2]);
      if (d1 === d2) continue;
      if (x.shape[d1] !== x.shape[d2]) {
        fail(
          `subscript ${char_of(ls[d2])} is repeated for operand ${i} but the sizes don't match, ${x.shape[d2]} != ${x.shape[d1]}`,
        );
      }
      // PyTorch's step: the diagonal goes last, then back to the first of the two dims
      x = movedim(diagonal(x, 0, d1, d2), -1, d1);
      ls.splice(d2, 1);
      d2--;
    }
    const elsewhere = (l: number) => out_set.has(l) || labels.some((o, j) => j !== i && o.includes(l));
    const drop = ls.flatMap((l, d) => (elsewhere(l) ? [] : [d]));
    return { t: sum_dims(x, drop), labels: ls.filter((l) => elsewhere(l)) };
  });

  let acc = operands_[0];
  for (let i = 1; i < operands_.length; i++) {
    const needed = new Set<number>(out);
    for (let j = i + 1; j < operands_.length; j++) for (const l of operands_[j].labels) needed.add(l);
    acc = pair(acc, operands_[i], needed);
  }
  // letters left that the output does not keep (ellipsis dims of an explicit output without "...")
  const rest = acc.labels.flatMap((l, d) => (out_set.has(l) ? [] : [d]));
  let r = sum_dims(acc.t, rest);
  const kept = acc.labels.filter((l) => out_set.has(l));
  const perm = out.map((l) => kept.indexOf(l));
  if (perm.some((p, i) => p !== i)) r = r.permute(perm);
  return r;
}

// aten's _trilinear as bilinear calls it: out[b, o] = sum_ij x1[b, i] * w[o, i, j] * x2[b, j]
export const trilinear = defineOp({
  name: "_trilinear",
  node: "TrilinearBackward0",
  differentiable: [0, 1, 2],
  forward(ctx, x1: Tensor, w: Tensor, x2: Tensor) {
    ctx.save(x1, w, x2);
    return einsum("bi,oij,bj->bo", x1, w, x2);
  },
  backward(ctx, grad) {
    const [x1, w, x2] = ctx.saved;
    const [n1, nw, n2] = ctx.needs_input_grad;
    return [
      n1 ? einsum("bo,oij,bj->bi", grad, w, x2) : null,
      nw ? einsum("bo,bi,bj->oij", grad, x1, x2) : null,
      n2 ? einsum("bo,oij,bi->bj", grad, w, x1) : null,
    ];
  },
});
