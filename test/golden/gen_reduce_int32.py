"""Fixtures for the int32 dtype path of the reductions and sorting ops."""
import torch

from common import error_of, write


def int32_reductions():
    """The int32 dtype path of the reductions and sorting ops (the other generators cover
    float32, float64, int64 and bool): values and dtypes (sums promote to int64, max keeps
    int32), or PyTorch's refusal, on a contiguous and a transposed input."""
    specs = [
        ("sum", [], {}),
        ("sum", [1], {}),
        ("sum", [[0, 1]], {"keepdim": True}),
        ("prod", [], {}),
        ("prod", [0], {}),
        ("mean", [], {}),
        ("max", [], {}),
        ("max", [1], {}),
        ("min", [0], {"keepdim": True}),
        ("amax", [1], {}),
        ("amin", [], {}),
        ("argmax", [], {}),
        ("argmax", [1], {}),
        ("argmin", [0], {"keepdim": True}),
        ("cumsum", [1], {}),
        ("cumprod", [0], {}),
        ("all", [], {}),
        ("any", [1], {}),
        ("count_nonzero", [], {}),
        ("count_nonzero", [0], {}),
        ("std", [], {}),
        ("var", [1], {}),
        ("norm", [], {}),
        ("softmax", [1], {}),
        ("sort", [1], {}),
        ("argsort", [0], {"descending": True}),
        ("topk", [2], {}),
        ("unique", [], {"return_counts": True}),
    ]
    x = torch.tensor([[3, -1, 0, 2], [0, 5, -4, 1], [2, 0, 7, -3]], dtype=torch.int32)
    cases = []
    for prep in (None, "t"):
        xi = x.t() if prep == "t" else x
        for op, args, kwargs in specs:
            case = {"op": op, "args": args, "kwargs": kwargs, "prep": prep}
            try:
                r = getattr(torch, op)(xi, *args, **kwargs)
                case["out"] = list(r) if isinstance(r, tuple) else r
            except RuntimeError:
                case["error"] = error_of(lambda: getattr(torch, op)(xi, *args, **kwargs))
                if op == "norm":
                    # 2.x's torch.norm is linalg.vector_norm, which words the check its own way
                    case["error"]["message"] = (
                        "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int"
                    )
            cases.append(case)
    return {"x": x, "cases": cases}


def main():
    write("reduce_int32", {"int32": int32_reductions()})


if __name__ == "__main__":
    main()
