"""Binary and ternary elementwise ops, comparisons and type promotion.

Each op case records its arguments (tensors with their strides, so transposed, sliced and
expanded inputs are rebuilt exactly; scalars), the result or PyTorch's error, the grad_fn name
and the gradients of the arguments that require grad under a fixed grad_output.
The promotion tables record torch.result_type and the dtype each op actually returns for every
pair of operand kinds (dimensioned tensor, zero-dim tensor, Python int / float / bool).
"""
import torch

from common import Arg, enc, error_of, num, write

DTYPES = [torch.bool, torch.int32, torch.int64, torch.float32, torch.float64]
NAMES = {torch.bool: "bool", torch.int32: "int32", torch.int64: "int64", torch.float32: "float32", torch.float64: "float64"}


# ------------------------------------------------------------------ arguments
def T(data, dtype=torch.float32, rg=False):
    return Arg(torch.tensor(data, dtype=dtype), rg)


def V(t, rg=False):
    """A non-contiguous view (transposed, sliced, expanded) of a fresh base."""
    return Arg(t, rg)


def R(*shape, dtype=torch.float32, rg=False, low=-2.0, high=2.0):
    t = torch.rand(*shape, dtype=torch.float64) * (high - low) + low
    return Arg(t.round(decimals=3).to(dtype), rg)


def I(*shape, dtype=torch.int64, low=-5, high=6):
    return Arg(torch.randint(low, high, shape, dtype=dtype))


def enc_arg(a):
    if isinstance(a, Arg):
        return a.encode()
    if isinstance(a, (bool, int, float)):
        return {"scalar": num(a)}
    if a is None:
        return None
    raise TypeError(a)


def build_arg(a):
    return a.build() if isinstance(a, Arg) else a


CASES = []


class Xlogy2(torch.autograd.Function):
    """xlogy with PyTorch 2.x's derivative (derivatives.yaml, Note [Gradient formula for xlogy at
    x = 0, y <= 0]): self: xlogy(grad, other).masked_fill((self == 0) & (other <= 0), 0).
    PyTorch 1.13 used grad * xlogy(self != 0, other), which is 0 wherever self == 0; the
    fixtures follow 2.x. Gradients only: the value and node name come from torch.xlogy."""

    @staticmethod
    def forward(ctx, x, y):
        ctx.x, ctx.y = x, y
        return torch.xlogy(x, y)

    @staticmethod
    def backward(ctx, g):
        x, y = ctx.x, ctx.y
        gx = gy = None
        if isinstance(x, torch.Tensor) and ctx.needs_input_grad[0]:
            if isinstance(y, torch.Tensor):
                gx = torch.xlogy(g, y).masked_fill((x == 0) & (y <= 0), 0)
            else:
                gx = torch.xlogy(g, y) if y > 0 else torch.xlogy(g, y).masked_fill(x == 0, 0)
        if isinstance(y, torch.Tensor) and ctx.needs_input_grad[1]:
            gy = g * x / y
        return gx, gy


def case(name, op, args, kwargs=None, call="torch", clone_self=False):
    """Runs torch.<op>(*args, **kwargs) (or args[0].<op>(...)), records result and gradients."""
    kwargs = kwargs or {}
    built = [build_arg(a) for a in args]
    c = {"name": name, "op": op, "call": call, "args": [enc_arg(a) for a in args], "kwargs": kwargs}
    if clone_self:
        c["clone_self"] = True

    def run():
        xs = list(built)
        if clone_self:
            xs[0] = xs[0].clone()
        if call == "torch":
            return getattr(torch, op)(*xs, **kwargs)
        return getattr(xs[0], op)(*xs[1:], **kwargs)

    try:
        out = run()
    except Exception:  # noqa: BLE001
        c["error"] = error_of(run)
        CASES.append(c)
        return
    if isinstance(out, torch.Tensor):
        c["out"] = enc(out)
        c["grad_fn"] = out.grad_fn.name() if out.grad_fn is not None else None
        if out.grad_fn is not None:
            # the node's edges: a Scalar overload (pow(x, 2)) has none for its scalar
            c["next"] = [[n.name() if n is not None else None, i] for n, i in out.grad_fn.next_functions]
        if out.requires_grad and op.startswith("xlogy"):
            xs = list(built)
            out = Xlogy2.apply(xs[0].clone() if clone_self else xs[0], xs[1])
        if out.requires_grad:
            n = out.numel()
            gout = (torch.arange(n, dtype=torch.float64) * 0.375 - 1.25).reshape(out.shape).to(out.dtype)
            c["gout"] = enc(gout)
            try:
                out.backward(gout)
                c["grads"] = [enc(b.grad) if isinstance(b, torch.Tensor) and b.requires_grad and b.grad is not None else None for b in built]
            except Exception as e:  # noqa: BLE001
                c["backward_error"] = str(e).split("\n")[0]
    else:
        c["out"] = out
    CASES.append(c)


# ------------------------------------------------------------------ op cases
def arithmetic():
    pos = lambda *s, **k: R(*s, low=0.2, high=3.0, **k)  # noqa: E731
    for op in ["add", "sub", "mul", "div", "true_divide", "atan2", "maximum", "minimum", "fmax", "fmin",
               "hypot", "copysign", "xlogy", "remainder", "fmod", "pow", "float_power"]:
        first = pos if op in ("pow", "float_power", "xlogy") else R
        second = pos if op in ("div", "true_divide", "remainder", "fmod", "xlogy") else R
        if op in ("pow", "float_power"):
            second = lambda *s, **k: R(*s, low=-1.5, high=2.5, **k)  # noqa: E731
        case(f"{op}_f32", op, [first(2, 3, rg=True), second(2, 3, rg=op not in ("fmod", "remainder"))])
        case(f"{op}_f64_broadcast", op, [first(2, 3, dtype=torch.float64, rg=True), second(3, dtype=torch.float64, rg=True)])
        case(f"{op}_f32_bcast_both", op, [first(3, 1, rg=True), second(1, 4, rg=True)])
        # non-contiguous inputs
        a = first(3, 2).t.t()
        b = second(3, 4).t[:, ::2].t()  # (3, 4) sliced to (3, 2), transposed to (2, 3)
        case(f"{op}_transposed", op, [V(a, rg=True), V(b, rg=True)])
        base = first(2, 6).t
        case(f"{op}_sliced", op, [V(base[:, ::2], rg=True), second(2, 3, rg=True)])
        e = second(1, 3).t.expand(2, 3)
        case(f"{op}_expanded", op, [first(2, 3, rg=True), V(e, rg=True)])
        # scalars
        s = 1.5 if op not in ("pow", "float_power") else 2.5
        case(f"{op}_scalar_float", op, [first(2, 3, rg=True), s])
        case(f"{op}_scalar_int", op, [first(2, 3, rg=True), 2])
        case(f"{op}_zerodim_f64", op, [first(2, 3, rg=True), Arg(torch.tensor(1.25, dtype=torch.float64), rg=True)])
        # integer paths
        if op in ("pow", "float_power"):
            case(f"{op}_int64", op, [I(2, 3, low=-3, high=4), I(2, 3, low=0, high=4)])
            case(f"{op}_int32_int64", op, [I(2, 3, dtype=torch.int32, low=-3, high=4), I(3, low=0, high=3)])
        else:
            nz = lambda *s, **k: Arg(torch.tensor([[3, -2, 5], [-4, 1, 7]], **k))  # noqa: E731
            case(f"{op}_int64", op, [I(2, 3, low=-9, high=10), nz()])
            case(f"{op}_int32_int64", op, [I(2, 3, dtype=torch.int32, low=-9, high=10), Arg(torch.tensor([3, -2, 5]))])
            case(f"{op}_int32_scalar", op, [I(2, 3, dtype=torch.int32, low=-9, high=10), 3])
            case(f"{op}_int_float_scalar", op, [I(2, 3, low=-9, high=10), 2.5])
            case(f"{op}_int_float_tensor", op, [I(2, 3, low=-9, high=10), R(3, low=0.5, high=2.0, rg=True)])
        case(f"{op}_bool", op, [T([True, False, True, False], torch.bool), T([True, True, False, False], torch.bool)])
        case(f"{op}_bool_int", op, [T([True, False, True], torch.bool), Arg(torch.tensor([2, 3, 4]))])
        # atan2's backward in PyTorch negates the bool self even though it needs no gradient
        # (an error); the float operand therefore does not require grad here
        case(f"{op}_bool_float", op, [T([True, False, True], torch.bool), R(3, low=0.5, high=2.0, rg=op != "atan2")])

    # alpha
    for op in ["add", "sub", "rsub"]:
        case(f"{op}_alpha", op, [R(2, 3, rg=True), R(3, rg=True)], {"alpha": 2.5})
        case(f"{op}_alpha_scalar", op, [R(2, 3, rg=True), 1.5], {"alpha": -2})
        case(f"{op}_alpha_int", op, [I(2, 3), I(3)], {"alpha": 3})
        case(f"{op}_alpha_int_float_error", op, [I(2, 3), I(3)], {"alpha": 0.5})
        case(f"{op}_f32", op, [R(2, 3, rg=True), R(2, 3, rg=True)])
        case(f"{op}_int_scalar", op, [I(2, 3), 4])
    case("add_bool", "add", [T([True, False, False], torch.bool), T([True, True, False], torch.bool)])
    case("add_bool_alpha", "add", [T([True, False, False], torch.bool), T([True, True, False], torch.bool)], {"alpha": 2})
    case("sub_bool_error", "sub", [T([True, False], torch.bool), T([True, True], torch.bool)])
    case("rsub_bool_error", "rsub", [T([True, False], torch.bool), T([True, True], torch.bool)])
    case("broadcast_error", "add", [R(2, 3), R(4)])
    case("broadcast_error_3d", "mul", [R(2, 3, 4), R(2, 5, 4)])
    case("subtract_alias", "subtract", [R(2, 3, rg=True), R(3, rg=True)], {"alpha": 2})
    case("multiply_alias", "multiply", [R(2, 3, rg=True), R(3, rg=True)])
    case("divide_alias", "divide", [R(2, 3, rg=True), R(3, low=0.5, high=2, rg=True)])

    # div with rounding modes
    for mode in ["trunc", "floor"]:
        case(f"div_{mode}_f32", "div", [R(2, 3, rg=True, low=-5, high=5), R(2, 3, rg=True, low=0.3, high=2)], {"rounding_mode": mode})
        case(f"div_{mode}_neg", "div", [T([-7.5, 7.5, -0.5, 0.5, 3.0, -3.0]), T([2.0, -2.0, 2.0, -2.0, 0.0, 0.0])], {"rounding_mode": mode})
        case(f"div_{mode}_int", "div", [T([-7, 7, -1, 1, 6, -6], torch.int64), T([2, -2, 3, -3, 3, 4], torch.int64)], {"rounding_mode": mode})
        case(f"div_{mode}_int32_scalar", "div", [T([-7, 7, -1, 1], torch.int32), 2], {"rounding_mode": mode})
        case(f"div_{mode}_int_zero", "div", [T([1, 2], torch.int64), T([1, 0], torch.int64)], {"rounding_mode": mode})
        case(f"div_{mode}_int_scalar_zero", "div", [T([1, 2], torch.int64), 0], {"rounding_mode": mode})
        case(f"div_{mode}_scalar", "div", [R(2, 3, rg=True, low=-5, high=5), 1.5], {"rounding_mode": mode})
        # float32 quotients that round to an integer (-1 / -0.2 is 5 in float32, 4.99... in float64)
        case(f"div_{mode}_f32_quotient", "div", [T([-1.0, 1.0, -15.0, -3.0, -19.0]), T([-0.2, -0.2, -0.1, 0.2, -0.2])], {"rounding_mode": mode})
        case(f"div_{mode}_int_by_f32", "div", [T([-1, 4, 0], torch.int64), T(-0.2)], {"rounding_mode": mode})
    case("div_int_true", "div", [T([-7, 7, 1], torch.int64), T([2, 0, 3], torch.int64)])
    case("div_zero_float", "div", [T([1.0, -1.0, 0.0]), T([0.0, 0.0, 0.0])])
    case("floor_divide_int_zero", "floor_divide", [T([1, 2], torch.int64), T([1, 0], torch.int64)])
    case("remainder_int_zero", "remainder", [T([1, 2], torch.int64), T([1, 0], torch.int64)])
    case("fmod_int_zero", "fmod", [T([1, 2], torch.int64), T([1, 0], torch.int64)])
    case("remainder_signs", "remainder", [T([-7.5, 7.5, -0.5, 0.5, 3.0, -3.0, 5.0]), T([2.0, -2.0, 2.0, -2.0, 0.0, 1.5, float("inf")])])
    case("fmod_signs", "fmod", [T([-7.5, 7.5, -0.5, 0.5, 3.0, -3.0, 5.0]), T([2.0, -2.0, 2.0, -2.0, 0.0, 1.5, float("inf")])])
    case("remainder_scalar_tensor", "remainder", [2.5, R(4, low=0.5, high=2, rg=True)])
    case("floor_divide_f32_grad", "floor_divide", [R(2, 3, rg=True, low=-5, high=5), R(2, 3, low=0.5, high=2)])
    case("floor_divide_scalar", "floor_divide", [R(2, 3, low=-5, high=5), 1.5])

    # pow specials: the exponent gradient is 0 where base == 0 and exponent >= 0
    case("pow_zero_base", "pow", [T([0.0, 0.0, 0.0, 2.0, 0.0], torch.float64, rg=True), T([0.0, 1.0, 2.0, 0.5, -1.0], torch.float64, rg=True)])
    case("pow_scalar_base", "pow", [2.5, R(2, 3, rg=True)])
    case("pow_scalar_zero_base", "pow", [0, T([0.0, 1.0, 2.0, -1.0], torch.float64, rg=True)])
    case("pow_scalar_zero_exp", "pow", [R(2, 3, rg=True), 0])
    case("pow_neg_base_frac", "pow", [T([-2.0, -1.0, 2.0]), 0.5])
    case("pow_int_neg_error", "pow", [T([1, 2, 3], torch.int64), -2])
    case("pow_int_tensor_neg", "pow", [T([1, 2, 3], torch.int64), T([1, -2, 1], torch.int64)])
    case("pow_int_scalar_base_float_exp", "pow", [2, T([0.5, 1.0, -1.0])])
    case("pow_int_base_tensor", "pow", [3, T([0, 1, 2], torch.int64)])
    case("float_power_inplace_error", "float_power_", [R(3), 2], call="method")
    case("float_power_inplace", "float_power_", [R(3, dtype=torch.float64), 2], call="method")

    # maximum/minimum at ties split the gradient; NaN handling
    for op in ["maximum", "minimum", "fmax", "fmin"]:
        case(f"{op}_ties", op, [T([1.0, 2.0, 3.0, -1.0], rg=True), T([1.0, 5.0, 3.0, -2.0], rg=True)])
        case(f"{op}_nan", op, [T([float("nan"), 1.0, float("nan"), float("inf"), -float("inf")], rg=True),
                                T([2.0, float("nan"), float("nan"), 1.0, 3.0], rg=True)])
        case(f"{op}_int", op, [T([1, 5, -3], torch.int64), T([2, 4, -3], torch.int32)])
    case("maximum_bool", "maximum", [T([True, False, False], torch.bool), T([False, False, True], torch.bool)])
    case("maximum_scalar_error", "maximum", [R(3), 1.5])

    # copysign, xlogy specials
    case("copysign_zero", "copysign", [T([0.0, -0.0, 2.0, -3.0], rg=True), T([-1.0, 1.0, -0.0, 0.0], rg=True)])
    case("xlogy_specials", "xlogy", [T([0.0, 0.0, 1.0, 2.0, 0.0], rg=True), T([0.0, float("nan"), float("nan"), 0.0, 1.0], rg=True)])
    case("xlogy_scalar_self", "xlogy", [2.0, R(3, low=0.5, high=2, rg=True)])
    case("atan2_signs", "atan2", [T([0.0, -0.0, 1.0, -1.0, 0.0]), T([-0.0, -1.0, 0.0, 0.0, 0.0])])
    case("arctan2_alias", "arctan2", [R(2, 3, rg=True), R(2, 3, rg=True)])
    case("hypot_int_error", "hypot", [T([3, 4], torch.int64), T([4, 3], torch.int64)])


def inplace():
    for op in ["add_", "sub_", "mul_", "div_", "pow_", "atan2_", "remainder_", "fmod_", "copysign_", "hypot_",
               "xlogy_", "fmax_", "fmin_", "true_divide_", "floor_divide_", "float_power_", "arctan2_"]:
        if not hasattr(torch.Tensor, op):
            continue
        a = R(2, 3, low=0.5, high=2.0, dtype=torch.float64 if op == "float_power_" else torch.float32)
        case(f"{op}_inplace", op, [a, R(3, low=0.5, high=2.0)], call="method")
        case(f"{op}_inplace_grad", op, [R(2, 3, low=0.5, high=2.0, dtype=torch.float64, rg=True), R(3, low=0.5, high=2.0, dtype=torch.float64, rg=True)],
             call="method", clone_self=True)
        case(f"{op}_inplace_broadcast_error", op, [R(3, low=0.5, high=2.0), R(2, 3, low=0.5, high=2.0)], call="method")
    case("add_inplace_int_float_error", "add_", [I(3), 1.5], call="method")
    case("add_inplace_int_float_tensor_error", "add_", [I(3), R(3)], call="method")
    case("div_inplace_int_error", "div_", [I(3), I(3, low=1, high=4)], call="method")
    case("div_inplace_int_floor", "div_", [I(3), I(3, low=1, high=4)], {"rounding_mode": "floor"}, call="method")
    case("add_inplace_f32_f64", "add_", [R(3), R(3, dtype=torch.float64)], call="method")
    case("add_inplace_alpha", "add_", [R(2, 3), R(3)], {"alpha": 0.5}, call="method")
    case("mul_inplace_int_bool", "mul_", [I(3), T([True, False, True], torch.bool)], call="method")
    case("add_inplace_bool_int_error", "add_", [T([True, False], torch.bool), 2], call="method")
    case("sub_inplace_noncontig", "sub_", [V(R(3, 2).t.t()), R(3)], call="method")
    case("mul_inplace_expanded_other", "mul_", [R(2, 3), V(R(3, 1).t.expand(3, 2).t())], call="method")
    case("maximum_inplace_missing", "maximum", [R(3), R(3)], call="method")


def comparisons():
    nanv = [float("nan"), 1.0, 2.0, float("inf"), -float("inf"), 0.0, -0.0]
    nanw = [float("nan"), 1.0, 3.0, float("inf"), 1.0, -0.0, 0.0]
    for op in ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less", "less_equal", "not_equal"]:
        case(f"{op}_f32", op, [R(2, 3), R(3)])
        case(f"{op}_nan", op, [T(nanv), T(nanw)])
        case(f"{op}_scalar", op, [R(2, 3), 0.5])
        case(f"{op}_int_float_scalar", op, [I(2, 3), 1.5])
        case(f"{op}_int_mixed", op, [I(2, 3, dtype=torch.int32), I(3)])
        case(f"{op}_bool", op, [T([True, False, True, False], torch.bool), T([True, True, False, False], torch.bool)])
        case(f"{op}_transposed", op, [V(R(3, 2).t.t()), V(R(2, 3).t[:, ::1])])
        case(f"{op}_f32_vs_point1", op, [T([0.1, 0.2, 0.3]), 0.1])
        case(f"{op}_f32_vs_f64_zerodim", op, [T([0.1, 0.2, 0.3]), Arg(torch.tensor(0.1, dtype=torch.float64))])
        case(f"{op}_f32_vs_f64", op, [T([0.1, 0.2, 0.3]), T([0.1, 0.2, 0.3], torch.float64)])
        case(f"{op}_inplace", f"{op}_", [R(2, 3), R(3)], call="method")
        case(f"{op}_grad_input", op, [R(3, rg=True), R(3)])
    case("eq_broadcast_error", "eq", [R(2, 3), R(2)])
    case("lt_inplace_int", "lt_", [I(3), I(3)], call="method")
    # in place on a self that requires grad: <Op>Backward0 (Scalar other) or <Op>Backward1
    # (Tensor other), with zero gradients for both, replaces self's history
    for op in ["eq_", "ne_", "lt_", "le_", "gt_", "ge_"]:
        x = [1.0, 2.0, 3.0]
        case(f"{op}inplace_grad_scalar", op, [T(x, torch.float64, rg=True), 2.0], call="method", clone_self=True)
        case(f"{op}inplace_grad_tensor", op, [T(x, torch.float64, rg=True), T([3.0, 2.0, 1.0], torch.float64, rg=True)],
             call="method", clone_self=True)

    # isclose / allclose / equal
    a = [1.0, 1.0 + 1e-6, 1.0 + 1e-4, float("nan"), float("inf"), -float("inf"), float("inf"), 0.0, 1e-9]
    b = [1.0, 1.0, 1.0, float("nan"), float("inf"), float("inf"), 1.0, 1e-8, 0.0]
    for dtype in [torch.float32, torch.float64]:
        tag = NAMES[dtype]
        case(f"isclose_{tag}", "isclose", [T(a, dtype), T(b, dtype)])
        case(f"isclose_{tag}_equal_nan", "isclose", [T(a, dtype), T(b, dtype)], {"equal_nan": True})
        case(f"isclose_{tag}_tols", "isclose", [T(a, dtype), T(b, dtype)], {"rtol": 1e-3, "atol": 1e-6})
        case(f"isclose_{tag}_zero_tols", "isclose", [T(a, dtype), T(b, dtype)], {"rtol": 0.0, "atol": 0.0})
    case("isclose_int", "isclose", [T([1, 100, 1000, 5], torch.int64), T([1, 101, 1001, 7], torch.int64)], {"rtol": 1e-3, "atol": 0})
    case("isclose_bool", "isclose", [T([True, False], torch.bool), T([True, True], torch.bool)])
    case("isclose_broadcast", "isclose", [R(2, 3), V(R(1, 3).t.expand(2, 3))])
    case("isclose_dtype_error", "isclose", [R(3), R(3, dtype=torch.float64)])
    case("isclose_neg_rtol", "isclose", [R(3), R(3)], {"rtol": -1.0})
    case("isclose_neg_atol", "isclose", [R(3), R(3)], {"atol": -1.0})
    case("isclose_method", "isclose", [R(3), R(3)], call="method")
    close = torch.tensor([1.0, 2.0, 3.0])
    case("allclose_true", "allclose", [Arg(close), Arg(close + 1e-6)])
    case("allclose_false", "allclose", [Arg(close), Arg(close + 1e-3)])
    case("allclose_tols", "allclose", [Arg(close), Arg(close + 1e-3)], {"rtol": 1e-2, "atol": 0.0})
    case("allclose_nan", "allclose", [T([1.0, float("nan")]), T([1.0, float("nan")])])
    case("allclose_nan_equal", "allclose", [T([1.0, float("nan")]), T([1.0, float("nan")])], {"equal_nan": True})
    case("allclose_broadcast", "allclose", [T([[1.0, 2.0], [1.0, 2.0]]), T([1.0, 2.0])])
    case("allclose_method", "allclose", [Arg(close), Arg(close)], call="method")
    case("equal_true", "equal", [Arg(close), Arg(close.clone())])
    case("equal_false", "equal", [Arg(close), Arg(close + 1)])
    case("equal_shape", "equal", [Arg(close), T([1.0, 2.0])])
    case("equal_broadcastable_shape", "equal", [T([[1.0, 1.0]]), T([1.0])])
    case("equal_nan", "equal", [T([float("nan")]), T([float("nan")])])
    case("equal_noncontig", "equal", [V(R(3, 2).t.t()), V(R(3, 2).t.t())])
    case("equal_int", "equal", [T([1, 2], torch.int64), T([1, 2], torch.int64)])
    case("equal_method", "equal", [Arg(close), Arg(close)], call="method")
    case("equal_dtypes", "equal", [Arg(close), Arg(close.double())])
    case("equal_int_float", "equal", [T([1.0, 2.0]), T([1, 2], torch.int64)])
    case("equal_f32_f64_rounding", "equal", [T([0.1]), T([0.1], torch.float64)])

    # logical and bitwise
    for op in ["logical_and", "logical_or", "logical_xor"]:
        case(f"{op}_bool", op, [T([True, True, False, False], torch.bool), T([True, False, True, False], torch.bool)])
        case(f"{op}_float", op, [T([0.0, 1.5, float("nan"), -2.0]), T([0.0, 0.0, 1.0, 3.0])])
        case(f"{op}_int_float", op, [T([0, 2, 0, -1], torch.int64), T([0.0, 0.0, 1.0, 3.0])])
        case(f"{op}_broadcast", op, [T([[True], [False]], torch.bool), T([True, False, True], torch.bool)])
        case(f"{op}_inplace_float", f"{op}_", [T([0.0, 1.5, 2.0, -2.0]), T([0.0, 0.0, 1.0, 3.0])], call="method")
        case(f"{op}_inplace_bool", f"{op}_", [T([True, True, False, False], torch.bool), T([True, False, True, False], torch.bool)], call="method")
        case(f"{op}_grad_input", op, [R(3, rg=True), R(3)])
    for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
        case(f"{op}_int64", op, [T([12, -7, 0, 255, -1], torch.int64), T([10, 3, 5, 15, -8], torch.int64)])
        case(f"{op}_int32_int64", op, [T([12, -7, 0], torch.int32), T([10, 3, 5], torch.int64)])
        case(f"{op}_big", op, [T([2 ** 40 + 5, -(2 ** 35) - 3], torch.int64), T([2 ** 40 + 3, 2 ** 36 - 1], torch.int64)])
        case(f"{op}_bool", op, [T([True, True, False, False], torch.bool), T([True, False, True, False], torch.bool)])
        case(f"{op}_scalar", op, [T([12, -7, 0], torch.int64), 6])
        case(f"{op}_int32_scalar", op, [T([12, -7, 0], torch.int32), 6])
        case(f"{op}_bool_scalar", op, [T([True, False], torch.bool), True])
        case(f"{op}_float_error", op, [R(3), R(3)])
        case(f"{op}_inplace", f"{op}_", [T([12, -7, 0], torch.int64), T([10, 3, 5], torch.int64)], call="method")


def ternary():
    # where
    cond = T([[True, False, True], [False, False, True]], torch.bool)
    case("where_f32", "where", [cond, R(2, 3, rg=True), R(2, 3, rg=True)])
    case("where_broadcast", "where", [T([True, False, True], torch.bool), R(2, 1, rg=True, dtype=torch.float64), R(2, 3, rg=True, dtype=torch.float64)])
    case("where_scalar_other", "where", [cond, R(2, 3, rg=True), 0.5])
    case("where_scalar_input", "where", [cond, -1.5, R(2, 3, rg=True)])
    case("where_scalar_int_other", "where", [cond, R(2, 3, rg=True), 0])
    case("where_int_tensor_float_scalar", "where", [cond, I(2, 3), 2.5])
    case("where_int_tensor_int_scalar", "where", [cond, I(2, 3, dtype=torch.int32), 7])
    case("where_scalars", "where", [cond, 1.5, 0.0])
    case("where_int_scalars", "where", [cond, 1, 0])
    case("where_promote", "where", [cond, R(2, 3, rg=True), R(2, 3, dtype=torch.float64, rg=True)])
    case("where_int_float", "where", [cond, I(2, 3), R(2, 3)])
    case("where_bool", "where", [cond, T([True, True, False], torch.bool), T([False], torch.bool)])
    case("where_transposed", "where", [V(T([[True, False], [False, True], [True, True]], torch.bool).t.t()), V(R(3, 2).t.t(), rg=True), V(R(2, 6).t[:, ::2], rg=True)])
    case("where_cond_float_error", "where", [R(2, 3), R(2, 3), R(2, 3)])
    case("where_broadcast_error", "where", [cond, R(2, 3), R(4)])
    case("where_method", "where", [R(2, 3, rg=True), cond, R(2, 3, rg=True)], call="method")
    case("where_zerodim_other", "where", [cond, R(2, 3, rg=True), Arg(torch.tensor(2.0, dtype=torch.float64), rg=True)])

    # masked_fill
    mask = T([[True, False, True], [False, False, True]], torch.bool)
    case("masked_fill_scalar", "masked_fill", [R(2, 3, rg=True), mask, -1.5], call="method")
    case("masked_fill_tensor_value", "masked_fill", [R(2, 3, rg=True), mask, Arg(torch.tensor(2.5), rg=True)], call="method")
    case("masked_fill_f64_value_into_f32", "masked_fill", [R(2, 3, rg=True), mask, Arg(torch.tensor(2.5, dtype=torch.float64))], call="method")
    case("masked_fill_broadcast_mask", "masked_fill", [R(2, 3, rg=True), T([True, False, True], torch.bool), 0.0], call="method")
    case("masked_fill_broadcast_self", "masked_fill", [R(3, rg=True), mask, 0.0], call="method")
    case("masked_fill_int", "masked_fill", [I(2, 3), mask, 9], call="method")
    case("masked_fill_int_float_value", "masked_fill", [I(2, 3), mask, 2.7], call="method")
    case("masked_fill_bool", "masked_fill", [T([True, False, True], torch.bool), T([True, True, False], torch.bool), False], call="method")
    case("masked_fill_inf", "masked_fill", [R(2, 3), mask, float("-inf")], call="method")
    case("masked_fill_noncontig", "masked_fill", [V(R(3, 2).t.t(), rg=True), V(T([[True, False], [False, True], [True, True]], torch.bool).t.t()), 5.0], call="method")
    case("masked_fill_mask_float_error", "masked_fill", [R(2, 3), R(2, 3), 0.0], call="method")
    # PyTorch 2.x refuses a non-bool mask up front with this message (1.13 tried to read the
    # values first: "Mask tensor can take 0 and 1 values only"); the fixture records 2.x's
    CASES[-1]["error"]["message"] = "masked_fill only supports boolean masks, but got dtype Float"
    case("masked_fill_value_dim_error", "masked_fill", [R(2, 3), mask, R(3)], call="method")
    case("masked_fill_torch", "masked_fill", [R(2, 3, rg=True), mask, 3.0])
    case("masked_fill_inplace", "masked_fill_", [R(2, 3), mask, 3.0], call="method")
    case("masked_fill_inplace_grad", "masked_fill_", [R(2, 3, dtype=torch.float64, rg=True), mask, 3.0], call="method", clone_self=True)
    case("masked_fill_inplace_broadcast_mask", "masked_fill_", [R(2, 3), T([True, False, True], torch.bool), 1.0], call="method")
    case("masked_fill_inplace_mask_too_big", "masked_fill_", [R(3), mask, 1.0], call="method")
    case("masked_fill_inplace_tensor_value", "masked_fill_", [R(2, 3), mask, Arg(torch.tensor(4.0))], call="method")

    # lerp
    case("lerp_scalar", "lerp", [R(2, 3, rg=True), R(2, 3, rg=True), 0.3])
    case("lerp_scalar_high", "lerp", [R(2, 3, rg=True), R(3, rg=True), 0.75])
    case("lerp_tensor", "lerp", [R(2, 3, rg=True), R(2, 3, rg=True), R(2, 3, low=0, high=1, rg=True)])
    case("lerp_tensor_broadcast", "lerp", [R(2, 3, rg=True, dtype=torch.float64), R(3, rg=True, dtype=torch.float64), R(2, 1, low=-0.5, high=1.5, rg=True, dtype=torch.float64)])
    case("lerp_dtype_error", "lerp", [R(3), R(3, dtype=torch.float64), 0.5])
    case("lerp_weight_dtype_error", "lerp", [R(3), R(3), R(3, dtype=torch.float64)])
    case("lerp_int_error", "lerp", [I(3), I(3), 0.5])
    case("lerp_method", "lerp", [R(3, rg=True), R(3, rg=True), 0.5], call="method")
    case("lerp_inplace", "lerp_", [R(2, 3), R(3), 0.25], call="method")
    case("lerp_inplace_tensor", "lerp_", [R(2, 3), R(3), R(2, 3, low=0, high=1)], call="method")
    case("lerp_transposed", "lerp", [V(R(3, 2).t.t(), rg=True), V(R(1, 3).t.expand(2, 3), rg=True), 0.6])

    # addcmul / addcdiv
    for op in ["addcmul", "addcdiv"]:
        den = lambda *s, **k: R(*s, low=0.5, high=2.0, **k)  # noqa: E731
        case(f"{op}_f32", op, [R(2, 3, rg=True), R(2, 3, rg=True), den(2, 3, rg=True)])
        case(f"{op}_value", op, [R(2, 3, rg=True), R(2, 3, rg=True), den(2, 3, rg=True)], {"value": 0.1})
        case(f"{op}_broadcast", op, [R(3, rg=True, dtype=torch.float64), R(2, 1, rg=True, dtype=torch.float64), den(2, 3, rg=True, dtype=torch.float64)], {"value": -2})
        case(f"{op}_noncontig", op, [V(R(3, 2).t.t(), rg=True), V(R(2, 6).t[:, ::2], rg=True), V(den(1, 3).t.expand(2, 3), rg=True)], {"value": 0.5})
        case(f"{op}_method", op, [R(2, 3), R(2, 3), den(2, 3)], {"value": 0.25}, call="method")
        case(f"{op}_inplace", f"{op}_", [R(2, 3), R(2, 3), den(3)], {"value": 0.001}, call="method")
        case(f"{op}_inplace_f64", f"{op}_", [R(2, 3, dtype=torch.float64), R(2, 3, dtype=torch.float64), den(2, 3, dtype=torch.float64)], {"value": 0.999}, call="method")
        case(f"{op}_inplace_noncontig", f"{op}_", [V(R(3, 2).t.t()), R(2, 3), den(2, 3)], {"value": 0.5}, call="method")
        case(f"{op}_inplace_grad", f"{op}_", [R(2, 3, dtype=torch.float64, rg=True), R(2, 3, dtype=torch.float64, rg=True), den(2, 3, dtype=torch.float64, rg=True)], {"value": 0.5}, call="method", clone_self=True)
        case(f"{op}_inplace_broadcast_error", f"{op}_", [R(3), R(2, 3), den(2, 3)], call="method")
        case(f"{op}_promote", op, [R(3), R(3, dtype=torch.float64), den(3)])
        case(f"{op}_int", op, [I(3), I(3), I(3, low=1, high=4)], {"value": 2})
        case(f"{op}_int_float_value", op, [I(3), I(3), I(3, low=1, high=4)], {"value": 0.5})
    # The optimizer pattern: v.mul_(beta2).addcmul_(g, g, value=1 - beta2), many steps in float32
    v = torch.zeros(5)
    g = torch.tensor([0.1, -0.2, 0.3, 1e-3, -5.0])
    for _ in range(50):
        v.mul_(0.999).addcmul_(g, g, value=1 - 0.999)
        g = g * 1.01
    CASES.append({"name": "addcmul_adam_trajectory", "op": "adam_trajectory", "out": enc(v)})


# ------------------------------------------------------------------ promotion
def operands():
    """(description, value) for every operand kind: a 1-d tensor and a zero-dim tensor of each
    dtype, and a Python int, float and bool."""
    out = []
    for d in DTYPES:
        vals = [True, True] if d == torch.bool else [1, 2]
        out.append(({"kind": "tensor", "dtype": NAMES[d]}, torch.tensor(vals, dtype=d)))
        out.append(({"kind": "zerodim", "dtype": NAMES[d]}, torch.tensor(vals[0], dtype=d)))
    out.append(({"kind": "int", "value": 3}, 3))
    out.append(({"kind": "float", "value": 2.5}, 2.5))
    out.append(({"kind": "bool", "value": True}, True))
    return out


PROMO_OPS = {
    "add": lambda a, b: torch.add(a, b),
    "sub": lambda a, b: torch.sub(a, b),
    "mul": lambda a, b: torch.mul(a, b),
    "div": lambda a, b: torch.div(a, b),
    "div_floor": lambda a, b: torch.div(a, b, rounding_mode="floor"),
    "floor_divide": lambda a, b: torch.floor_divide(a, b),
    "remainder": lambda a, b: torch.remainder(a, b),
    "fmod": lambda a, b: torch.fmod(a, b),
    "pow": lambda a, b: torch.pow(a, b),
    "atan2": lambda a, b: torch.atan2(a, b),
    "maximum": lambda a, b: torch.maximum(a, b),
    "fmax": lambda a, b: torch.fmax(a, b),
    "hypot": lambda a, b: torch.hypot(a, b),
    "copysign": lambda a, b: torch.copysign(a, b),
    "xlogy": lambda a, b: torch.xlogy(a, b),
    "float_power": lambda a, b: torch.float_power(a, b),
    "eq": lambda a, b: torch.eq(a, b),
    "lt": lambda a, b: torch.lt(a, b),
    "logical_and": lambda a, b: torch.logical_and(a, b),
    "bitwise_and": lambda a, b: torch.bitwise_and(a, b),
    "where": lambda a, b: torch.where(torch.tensor([True, False]), a, b),
    "add_": lambda a, b: a.clone().add_(b),
    "mul_": lambda a, b: a.clone().mul_(b),
}


def result_of(fn, a, b):
    try:
        r = fn(a, b)
    except Exception as e:  # noqa: BLE001
        return {"error": str(e).split("\n")[0]}
    return NAMES[r.dtype]


def promotion():
    ops = operands()
    rows = []
    for da, a in ops:
        for db, b in ops:
            if not isinstance(a, torch.Tensor) and not isinstance(b, torch.Tensor):
                continue
            row = {"a": da, "b": db}
            try:
                row["result_type"] = NAMES[torch.result_type(a, b)]
            except Exception as e:  # noqa: BLE001
                row["result_type"] = {"error": str(e).split("\n")[0]}
            row["ops"] = {}
            for name, fn in PROMO_OPS.items():
                if name.endswith("_") and not isinstance(a, torch.Tensor):
                    continue
                row["ops"][name] = result_of(fn, a, b)
            rows.append(row)
    return rows


def promotion_default_f64():
    torch.set_default_dtype(torch.float64)
    try:
        rows = []
        for da, a in operands():
            for db, b in operands():
                if not isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
                    continue
                rows.append({"a": da, "b": db, "result_type": NAMES[torch.result_type(a, b)],
                             "div": result_of(PROMO_OPS["div"], a, b), "atan2": result_of(PROMO_OPS["atan2"], a, b)})
        return rows
    finally:
        torch.set_default_dtype(torch.float32)


def main():
    arithmetic()
    inplace()
    comparisons()
    ternary()
    promote = [[NAMES[a], NAMES[b], NAMES[torch.promote_types(a, b)]] for a in DTYPES for b in DTYPES]
    write("binary", {
        "cases": CASES,
        "promote_types": promote,
        "promotion": promotion(),
        "promotion_default_float64": promotion_default_f64(),
    })
