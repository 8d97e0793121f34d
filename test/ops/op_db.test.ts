/**
 * The generic op tests, driven by the op table (test/op_db.ts) and run on every registered
 * backend: each entry resolves through the public namespace; every sample passes gradcheck (and
 * gradgradcheck where the entry asks) in float64; the output's grad_fn is PyTorch's node, which
 * the fixtures the entry names must have recorded for that op; the function and method variants
 * agree; the forward in each listed dtype agrees with float64.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import * as torch from "../../src/index.js";
import { OP_DB, apply, op_of, resolve, type OpInfo, type Sample } from "../op_db.js";
import { test_each_backend } from "../helpers/for_each_backend.js";
import { recorded_nodes } from "../helpers/golden_nodes.js";

type Tensor = torch.Tensor;
const outputs = (o: Tensor | Tensor[]): Tensor[] => (Array.isArray(o) ? o : [o]);
const title = (info: OpInfo, s: Sample) => `${info.name}: ${s.label}`;

test("op_db: names are unique and every sample label is unique within its op", () => {
  const names = OP_DB.map((i) => i.name);
  assert.deepEqual(
    names.filter((n, i) => names.indexOf(n) !== i),
    [],
  );
  for (const info of OP_DB) {
    const labels = info.samples.map((s) => s.label);
    assert.deepEqual(
      labels.filter((l, i) => labels.indexOf(l) !== i),
      [],
      info.name,
    );
  }
});

for (const info of OP_DB) {
  test(`resolves: ${info.name} is in the public namespace or a Tensor method`, () => {
    for (const name of [info.name, ...(info.aliases ?? [])]) {
      const r = resolve(name);
      assert.ok(r.function ?? r.method, `${name} not found`);
    }
  });
}

for (const info of OP_DB) {
  const op = op_of(info);
  for (const s of info.samples) {
    if (s.gradcheck ?? info.gradcheck) {
      test_each_backend(`gradcheck ${title(info, s)}`, () => {
        assert.equal(
          torch.autograd.gradcheck((...xs) => apply(s, op, xs), s.inputs(), s.tol),
          true,
        );
      });
    }
    if (s.gradgrad ?? info.gradgrad ?? false) {
      test_each_backend(`gradgradcheck ${title(info, s)}`, () => {
        assert.equal(
          torch.autograd.gradgradcheck((...xs) => apply(s, op, xs), s.inputs(), s.tol),
          true,
        );
      });
    }
  }
}

const RECORDED = recorded_nodes();
const bare = (name: string) => name.slice(name.lastIndexOf(".") + 1);

for (const info of OP_DB.filter((i) => i.node !== undefined)) {
  test(`node: ${info.name}'s ${info.node} is what PyTorch recorded in ${(info.golden ?? []).join(", ")}`, () => {
    assert.ok(info.golden?.length, "an entry with a node names the fixtures that record it");
    for (const area of info.golden) {
      const seen = RECORDED.get(area)?.get(bare(info.name));
      assert.ok(seen, `${area}.json records no node for ${bare(info.name)}`);
      assert.ok(seen.has(info.node!), `${area}.json has ${[...seen].join(", ")} for ${bare(info.name)}`);
    }
  });
  const s = info.samples[0];
  test_each_backend(`grad_fn ${title(info, s)} is ${info.node}`, () => {
    const y = outputs(apply(s, op_of(info)))[0];
    assert.equal(y.grad_fn?.name(), info.node);
  });
}

for (const info of OP_DB) {
  const r = resolve(info.name);
  if (!r.function || !r.method || info.variants === false) continue;
  const s = info.samples[0];
  test_each_backend(`variants ${title(info, s)}: torch.${info.name} and Tensor.${info.name} agree`, () => {
    const xs = s.inputs();
    torch.manual_seed(0);
    const f = outputs(apply(s, r.function!, xs));
    torch.manual_seed(0);
    const m = outputs(apply(s, r.method!, xs));
    assert.equal(m.length, f.length);
    f.forEach((t, i) => torch.testing.assert_close(m[i], t, { rtol: 0, atol: 0, equal_nan: true }));
  });
}

for (const info of OP_DB.filter((i) => i.dtypes)) {
  const s = info.samples[0];
  for (const dtype of info.dtypes!) {
    test_each_backend(`dtype ${title(info, s)}: ${String(dtype)} agrees with float64`, () => {
      const op = op_of(info);
      const x64 = s.inputs();
      const xs = x64.map((x) => x.detach().to(dtype).requires_grad_(x.requires_grad));
      const want = outputs(apply(s, op, x64));
      const got = outputs(apply(s, op, xs));
      got.forEach((g, i) => {
        assert.equal(g.dtype, dtype);
        // float32 defaults of torch.testing: the float32 result against the float64 one
        torch.testing.assert_close(g.double(), want[i].detach(), {
          rtol: 1.3e-6,
          atol: 1e-5,
          equal_nan: true,
        });
      });
    });
  }
}
