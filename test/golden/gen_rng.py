"""Golden values for torch-ts's random numbers (test/random/*.test.ts), from PyTorch's CPU generator.

A case is a small program: seed a generator (the default one, or a torch.Generator()), then run
steps in order, each recording its result. test/random/rng_fixture.test.ts replays the same
steps in torch-ts against one shared generator, so call sequences, the Box-Muller cache and
state bytes are covered as well as single calls.

Encoding: results up to BIG elements are listed in full; larger ones as a sha256 of their values
as float64 little-endian bytes, plus the first values. float64 normals and exponentials are always
listed in full: JS's Math.log/sin/cos are not glibc's, so those are compared within a few ulps
(pytorch-rng.md section 3.4); every other value must match bit for bit.

PyTorch 2.x notes (this machine runs 1.13):
- F.dropout on the CPU records MulBackward0 in 1.13 AND in 2.x: 2.x's at::dropout only takes the
  fused native_dropout (NativeDropoutBackward0) on CUDA/XPU/lazy tensors (Dropout.cpp,
  is_fused_kernel_acceptable), so the fixture's 1.13 name is also 2.x's.
- exponential_ checks `lambda > 0` and a floating dtype with new wording in 2.x; those two error
  cases below record the 2.x wording by hand.
- The scalar normal path computes log1p(-u2) in 2.x and log(1 - u2) in 1.13: the same exact
  argument, so only float64 results can differ in the last ulp, which the tolerance allows.
"""
import hashlib
import struct

import torch
import torch.nn.functional as F

import common

BIG = 32
SEEDS = [0, 1, 42, 2**32 + 5, -1]
NORMAL_SIZES = list(range(1, 21)) + [31, 32, 33, 100, 1000]
APPROX = "approx"  # float64 values computed with libm: compared within 4 ulp


def values(t):
    t = t.detach()
    if t.dtype == torch.bool:
        t = t.to(torch.int64)
    flat = t.reshape(-1).tolist()
    return [float(v) if t.dtype.is_floating_point else v for v in flat]


def out(t, approx=False):
    """A result: full values when small (or approximate), else a digest of them."""
    t = t.detach()
    vals = values(t)
    enc = {"dtype": common.DTYPE_NAMES[t.dtype], "shape": list(t.shape)}
    if approx:
        enc["approx"] = True
    if len(vals) <= BIG or approx:
        enc["data"] = [common.num(v) for v in vals]
    else:
        raw = b"".join(struct.pack("<d", float(v)) for v in vals)
        enc["sha256"] = hashlib.sha256(raw).hexdigest()
        enc["head"] = [common.num(v) for v in vals[:8]]
    return enc


DT = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def make_target(size, dtype, layout):
    """An empty tensor to fill in place: contiguous, transposed (2-D) or permuted (3-D)."""
    if layout == "t":
        return torch.empty(list(reversed(size)), dtype=DT[dtype]).t()
    if layout == "permute":
        a, b, c = size
        return torch.empty([c, a, b], dtype=DT[dtype]).permute(1, 2, 0)
    if layout == "slice":
        a, b = size
        return torch.empty([a, 2 * b], dtype=DT[dtype])[:, ::2]
    return torch.empty(size, dtype=DT[dtype])


def run_step(s, g, saved):
    """Runs one step with generator g (None: the default one) and returns its recorded result."""
    kw = {} if g is None else {"generator": g}
    op = s["op"]
    if op == "rand":
        return out(torch.rand(s["size"], dtype=DT[s["dtype"]], **kw))
    if op == "randn":
        return out(torch.randn(s["size"], dtype=DT[s["dtype"]], **kw), s["dtype"] == "float64")
    if op == "uniform_":
        t = make_target(s["size"], s["dtype"], s.get("layout"))
        return out(t.uniform_(s["from"], s["to"], **kw))
    if op == "normal_":
        t = make_target(s["size"], s["dtype"], s.get("layout"))
        return out(t.normal_(s["mean"], s["std"], **kw), s["dtype"] == "float64")
    if op == "normal":
        return out(torch.normal(s["mean"], s["std"], s["size"], dtype=DT[s["dtype"]], **kw), s["dtype"] == "float64")
    if op == "normal_tensor":
        r = torch.normal(arg(s["mean"]), arg(s["std"]), **kw)
        return out(r, r.dtype == torch.float64)
    if op == "randint":
        return out(torch.randint(s["low"], s["high"], s["size"], dtype=DT[s["dtype"]], **kw))
    if op == "randperm":
        return out(torch.randperm(s["n"], dtype=DT[s["dtype"]], **kw))
    if op == "random_":
        t = make_target(s["size"], s["dtype"], s.get("layout"))
        return out(t.random_(*s["args"], **kw))
    if op == "bernoulli":
        return out(torch.bernoulli(arg(s["probs"]), **kw))
    if op == "bernoulli_p":
        return out(torch.bernoulli(arg(s["input"]), s["p"], **kw))
    if op == "bernoulli_":
        t = make_target(s["size"], s["dtype"], s.get("layout"))
        return out(t.bernoulli_(arg(s["p"]), **kw))
    if op == "exponential_":
        t = make_target(s["size"], s["dtype"], s.get("layout"))
        return out(t.exponential_(s["lambd"], **kw), s["dtype"] == "float64")
    if op == "rand_like":
        return out(torch.rand_like(torch.empty(s["size"], dtype=DT[s["dtype"]])))
    if op == "randn_like":
        return out(torch.randn_like(torch.empty(s["size"], dtype=DT[s["dtype"]])), s["dtype"] == "float64")
    if op == "randint_like":
        return out(torch.randint_like(torch.empty(s["size"], dtype=DT[s["dtype"]]), *s["args"]))
    if op in ("dropout", "feature_dropout"):
        x = arg(s["input"]).requires_grad_(True)
        fn = F.dropout if op == "dropout" else torch.feature_dropout
        y = fn(x, s["p"], s["training"])
        res = {"out": out(y), "grad_fn": y.grad_fn.name() if y.grad_fn is not None else None}
        if y.grad_fn is not None and s.get("grad"):
            y.backward(torch.ones_like(y))
            res["grad"] = out(x.grad)
        return res
    if op == "get_state":
        raw = bytes((g if g is not None else torch.default_generator).get_state().tolist())
        res = {"sha256": hashlib.sha256(raw).hexdigest(), "left": struct.unpack_from("<i", raw, 8)[0],
               "next": struct.unpack_from("<Q", raw, 16)[0], "normal_is_valid": struct.unpack_from("<i", raw, 5040)[0]}
        if s.get("full"):
            res["hex"] = raw.hex()
        return res
    if op == "save_state":
        saved.append((g if g is not None else torch.default_generator).get_state())
        return None
    if op == "restore_state":
        (g if g is not None else torch.default_generator).set_state(saved[-1])
        return None
    if op == "manual_seed":
        (g if g is not None else torch.default_generator).manual_seed(s["seed"])
        return None
    raise ValueError(op)


INPUTS = {}


def arg(v):
    """A step argument: a number, or the name of a recorded input tensor."""
    return INPUTS[v].clone() if isinstance(v, str) else v


def case(name, seed, steps, gen="default"):
    """Seeds (gen='default': torch.manual_seed; 'new': a torch.Generator, seeded unless seed is None)."""
    if gen == "default":
        torch.manual_seed(seed)
        g = None
    else:
        g = torch.Generator()
        if seed is not None:
            g.manual_seed(seed)
    saved = []
    for s in steps:
        s["result"] = run_step(s, g, saved)
    return {"name": name, "seed": seed, "gen": gen, "steps": steps}


def inputs():
    """Deterministic inputs, drawn from a private generator and recorded."""
    g = torch.Generator().manual_seed(1234)
    probs32 = torch.rand(7, 5, generator=g)
    probs64 = torch.rand(40, dtype=torch.float64, generator=g)
    probs_b = torch.rand(5, generator=g)  # broadcast over rows
    x = torch.randn(6, 7, generator=g)
    x4 = torch.randn(2, 3, 2, 2, generator=g)
    mean = torch.randn(5, 4, generator=g)
    std = torch.rand(4, generator=g) * 2
    x_edge = torch.tensor([-1.5, -0.0, 0.0, 2.0, float("inf"), float("-inf"), float("nan"), -3.0] * 3)
    return dict(probs32=probs32, probs64=probs64, probs_b=probs_b, x=x, x4=x4, mean=mean, std=std, x_edge=x_edge)


def main():
    INPUTS.update(inputs())
    I = {k: k for k in INPUTS}
    cases = []
    f32, f64 = "float32", "float64"
    for seed in SEEDS:
        for dt in (f32, f64):
            cases.append(case(f"randn {dt} sizes seed {seed}", seed,
                              [{"op": "randn", "size": [n], "dtype": dt} for n in NORMAL_SIZES
                               if dt == f32 or n <= 33 or (n == 100 and seed == 0)]))
            cases.append(case(f"rand {dt} sizes seed {seed}", seed,
                              [{"op": "rand", "size": [n], "dtype": dt} for n in list(range(1, 21)) + [33, 100, 1000]]))
            cases.append(case(f"uniform_ {dt} seed {seed}", seed, [
                {"op": "uniform_", "size": [n], "dtype": dt, "from": a, "to": b}
                for n in (1, 5, 17, 100, 1000) for (a, b) in ((-0.5, 2.0), (-0.2886751345948129, 0.2886751345948129), (3, 3.5))
            ]))
            cases.append(case(f"normal_ {dt} seed {seed}", seed, [
                {"op": "normal_", "size": [n], "dtype": dt, "mean": m, "std": sd}
                for n in (3, 15, 16, 17, 40, 100) for (m, sd) in ((0.3, 1.7), (-2.0, 0.02))
                if dt == f32 or n < 100
            ]))
        cases.append(case(f"randint seed {seed}", seed, [
            {"op": "randint", "low": lo, "high": hi, "size": [n], "dtype": dt}
            for (lo, hi) in ((0, 10), (-5, 5), (0, 2**31), (0, 2**32), (0, 2**40), (-2**40, 2**45), (3, 2**32 + 3))
            for dt in ("int64", "int32", "float32", "float64") for n in (1, 7)
            if not (dt == "int32" and hi > 2**31 - 1) and not (dt == "float32" and hi > 2**24)
        ]))
        cases.append(case(f"randperm seed {seed}", seed,
                          [{"op": "randperm", "n": n, "dtype": "int64"} for n in list(range(1, 21)) + [1000]]))
        cases.append(case(f"random_ seed {seed}", seed, [
            {"op": "random_", "size": [5], "dtype": dt, "args": args}
            for dt in ("int64", "int32", "float32", "float64")
            for args in ([], [10], [-3, 7], [2, None], [0, 2**33])
            if not (dt == "int32" and args == [0, 2**33])
        ] + [
            {"op": "random_", "size": [6], "dtype": "bool", "args": args} for args in ([], [2], [0, 2], [1, None])
        ] + [{"op": "random_", "size": [4], "dtype": dt, "args": [-2**63, None]} for dt in ("int64", "float32", "float64")]))
        cases.append(case(f"bernoulli seed {seed}", seed, [
            {"op": "bernoulli", "probs": I["probs32"]},
            {"op": "bernoulli", "probs": I["probs64"]},
            {"op": "bernoulli_p", "input": I["x"], "p": 0.3},
            {"op": "bernoulli_", "size": [20], "dtype": f32, "p": 0.5},
            {"op": "bernoulli_", "size": [20], "dtype": f64, "p": 0.9},
            {"op": "bernoulli_", "size": [20], "dtype": "bool", "p": 0.25},
            {"op": "bernoulli_", "size": [20], "dtype": "int64", "p": 0.5},
            {"op": "bernoulli_", "size": [7, 5], "dtype": f32, "p": I["probs_b"]},
            {"op": "bernoulli_", "size": [7, 5], "dtype": f32, "p": I["probs32"], "layout": "t"},
        ]))
        cases.append(case(f"dropout seed {seed}", seed, [
            {"op": "dropout", "input": I["x"], "p": p, "training": True, "grad": p in (0.5, 0.021)}
            for p in (0.5, 0.1, 0.021, 0.025, 0.039, 0.9)
        ] + [
            {"op": "dropout", "input": I["x_edge"], "p": 0.5, "training": True},
            {"op": "dropout", "input": I["x"], "p": 0.0, "training": True},
            {"op": "dropout", "input": I["x"], "p": 1.0, "training": True},
            {"op": "dropout", "input": I["x"], "p": 0.5, "training": False},
            {"op": "feature_dropout", "input": I["x4"], "p": 0.5, "training": True, "grad": True},
            {"op": "rand", "size": [2], "dtype": f32},  # the stream after all of the above
        ]))
        cases.append(case(f"exponential_ seed {seed}", seed, [
            {"op": "exponential_", "size": [n], "dtype": dt, "lambd": l}
            for dt in (f32, f64) for n in (1, 10) for l in (1.0, 0.25, 3.0)
        ]))
        cases.append(case(f"noncontiguous seed {seed}", seed, [
            {"op": "normal_", "size": [5, 7], "dtype": f32, "mean": 0.0, "std": 1.0, "layout": "t"},
            {"op": "normal_", "size": [5, 7], "dtype": f32, "mean": 0.0, "std": 1.0},
            {"op": "normal_", "size": [3, 4, 5], "dtype": f32, "mean": 1.0, "std": 2.0, "layout": "permute"},
            {"op": "normal_", "size": [6, 5], "dtype": f32, "mean": 0.0, "std": 1.0, "layout": "slice"},
            {"op": "normal_", "size": [5, 7], "dtype": f64, "mean": 0.0, "std": 1.0, "layout": "t"},
            {"op": "uniform_", "size": [5, 7], "dtype": f32, "from": -1.0, "to": 1.0, "layout": "t"},
            {"op": "uniform_", "size": [3, 4, 5], "dtype": f64, "from": -1.0, "to": 1.0, "layout": "permute"},
            {"op": "random_", "size": [4, 6], "dtype": "int64", "args": [0, 100], "layout": "t"},
            {"op": "bernoulli_", "size": [4, 6], "dtype": f32, "p": 0.4, "layout": "t"},
            {"op": "exponential_", "size": [4, 6], "dtype": f32, "lambd": 2.0, "layout": "t"},
        ]))
    # normal overloads, *_like, generators, state
    cases.append(case("normal overloads", 3, [
        {"op": "normal", "mean": 0.5, "std": 2.0, "size": [20], "dtype": f32},
        {"op": "normal", "mean": 0.5, "std": 2.0, "size": [4], "dtype": f64},
        {"op": "normal_tensor", "mean": I["mean"], "std": 0.5},
        {"op": "normal_tensor", "mean": 0.7, "std": I["std"]},
        {"op": "normal_tensor", "mean": I["mean"], "std": I["std"]},
        {"op": "normal_tensor", "mean": I["probs64"], "std": 1.5},
    ]))
    cases.append(case("like", 7, [
        {"op": "rand_like", "size": [3, 4], "dtype": f32},
        {"op": "randn_like", "size": [3, 4], "dtype": f32},
        {"op": "randn_like", "size": [2, 2], "dtype": f64},
        {"op": "randint_like", "size": [6], "dtype": "int64", "args": [10]},
        {"op": "randint_like", "size": [6], "dtype": f32, "args": [-3, 3]},
    ]))
    cases.append(case("interleaved cache", 0, [
        {"op": "randn", "size": [3], "dtype": f32},
        {"op": "randn", "size": [3], "dtype": f32},
        {"op": "randn", "size": [1], "dtype": f64},
        {"op": "rand", "size": [1], "dtype": f32},
        {"op": "randn", "size": [20], "dtype": f32},
        {"op": "randn", "size": [2], "dtype": f32},
    ]))
    cases.append(case("randn 6", 0, [{"op": "randn", "size": [6], "dtype": f32}]))
    for seed in (0, 5, None):
        cases.append(case(f"generator object seed {seed}", seed, [
            {"op": "rand", "size": [5], "dtype": f32},
            {"op": "randn", "size": [17], "dtype": f32},
            {"op": "randint", "low": 0, "high": 100, "size": [5], "dtype": "int64"},
            {"op": "randperm", "n": 12, "dtype": "int64"},
            {"op": "bernoulli", "probs": I["probs32"]},
            {"op": "get_state"},
        ], gen="new"))
    cases.append(case("state round trip", 0, [
        {"op": "get_state", "full": True},
        {"op": "randn", "size": [1], "dtype": f32},
        {"op": "get_state", "full": True},
        {"op": "save_state"},
        {"op": "randn", "size": [5], "dtype": f32},
        {"op": "rand", "size": [700], "dtype": f32},
        {"op": "get_state"},
        {"op": "restore_state"},
        {"op": "randn", "size": [5], "dtype": f32},
        {"op": "manual_seed", "seed": 2**32 + 5},
        {"op": "get_state"},
        {"op": "manual_seed", "seed": -1},
        {"op": "get_state"},
    ]))
    errors = {}

    def err(name, fn):
        errors[name] = common.error_of(fn)

    err("rand int", lambda: torch.rand(3, dtype=torch.int64))
    err("randn int", lambda: torch.randn(3, dtype=torch.int64))
    err("uniform from>to", lambda: torch.zeros(3).uniform_(2, 1))
    err("uniform span", lambda: torch.zeros(3).uniform_(-3e38, 3e38))
    err("normal_ int", lambda: torch.zeros(3, dtype=torch.int32).normal_())
    err("normal_ std<0", lambda: torch.zeros(3).normal_(0, -1))
    err("normal std tensor<0", lambda: torch.normal(torch.zeros(3), torch.tensor([1.0, -1, 1])))
    err("bernoulli_ p", lambda: torch.zeros(3).bernoulli_(1.5))
    err("bernoulli probs", lambda: torch.bernoulli(torch.tensor([0.5, 1.5])))
    err("bernoulli int probs", lambda: torch.bernoulli(torch.tensor([0, 1])))
    err("randint low>=high", lambda: torch.randint(5, 5, (3,)))
    err("randint int32 oob", lambda: torch.randint(0, 2**40, (3,), dtype=torch.int32))
    err("random_ from>=to", lambda: torch.zeros(3).random_(5, 3))
    err("random_ bool oob", lambda: torch.zeros(3, dtype=torch.bool).random_(0, 3))
    err("random_ full int32", lambda: torch.zeros(3, dtype=torch.int32).random_(-(2**63), None))
    err("random_ float from", lambda: torch.zeros(3).random_(2**30, None))
    err("dropout p", lambda: F.dropout(torch.zeros(3), 1.5))
    err("feature dropout 1d", lambda: torch.feature_dropout(torch.zeros(3), 0.5, True))
    err("seed overflow", lambda: torch.manual_seed(2**64))
    err("generator seed float", lambda: torch.Generator().manual_seed(1.5))
    err("set_state size", lambda: torch.set_rng_state(torch.zeros(10, dtype=torch.uint8)))
    err("set_state dtype", lambda: torch.set_rng_state(torch.zeros(5056)))
    err("expanded", lambda: torch.zeros(1).expand(3).normal_())
    err("leaf requires grad", lambda: torch.zeros(3, requires_grad=True).normal_())
    # PyTorch 2.x wording for exponential_ (1.13: '"exponential_cpu" not implemented for 'Long'', and it
    # accepted lambda = 0 and said "lambda >= 0.0"); from 2.x's DistributionTemplates.h
    errors["exponential int"] = {
        "type": "RuntimeError",
        "message": "Exponential distribution is a continuous probability distribution. "
        "dtype must be a floating point but you specified Long",
    }
    errors["exponential lambda"] = {"type": "RuntimeError", "message": "exponential_ expects lambda > 0.0, but found lambda=0"}

    # grad_fn names of the samplers (zero gradients)
    names = {}
    x = torch.randn(3, requires_grad=True)
    for name, f in [
        ("normal_", lambda t: t.normal_()), ("uniform_", lambda t: t.uniform_()), ("random_from_to", lambda t: t.random_(0, 3)),
        ("random_to", lambda t: t.random_(3)), ("random", lambda t: t.random_()), ("bernoulli_scalar", lambda t: t.bernoulli_(0.5)),
        ("bernoulli_tensor", lambda t: t.bernoulli_(torch.full((3,), 0.5))), ("exponential_", lambda t: t.exponential_()),
    ]:
        y = x * 1
        f(y)
        y.backward(torch.ones(3))
        names[name] = {"grad_fn": y.grad_fn.name(), "grad": out(x.grad)}
        x.grad = None
    m = torch.rand(3, requires_grad=True)
    s = torch.rand(3, requires_grad=True)
    names["normal_tensor_float"] = {"grad_fn": torch.normal(m, 1.0).grad_fn.name()}
    names["normal_float_tensor"] = {"grad_fn": torch.normal(0.0, s).grad_fn.name()}
    names["normal_tensor_tensor"] = {"grad_fn": torch.normal(m, s).grad_fn.name()}
    names["bernoulli_probs"] = {"grad_fn": torch.bernoulli(m).grad_fn.name()}
    names["bernoulli_input_p"] = {"grad_fn": None if torch.bernoulli(m, 0.3).grad_fn is None else "?"}
    names["dropout"] = {"grad_fn": F.dropout(x, 0.5).grad_fn.name()}
    names["rand requires_grad"] = {"requires_grad": torch.rand(2, requires_grad=True).requires_grad}

    misc = {
        "fresh_generator_initial_seed": torch.Generator().initial_seed(),
        "initial_seed_42": torch.manual_seed(42).initial_seed(),
        "initial_seed_2p32p5": torch.manual_seed(2**32 + 5).initial_seed(),
        "initial_seed_minus_1": str(torch.manual_seed(-1).initial_seed()),
    }
    common.write("rng", {"inputs": {k: common.enc(v) for k, v in INPUTS.items()}, "cases": cases, "errors": errors, "names": names, "misc": misc})


if __name__ == "__main__":
    main()
