"""torch.save / torch.load across torch-ts and PyTorch.

1. PyTorch reads torch-ts' files: test/fixtures/serialization/*.pt are written by torch-ts
   (test/serialization/write_fixtures.ts). Each is loaded with torch.load(weights_only=True) and
   what PyTorch read is recorded (the encoding of test/fixtures/checkpoints/expected.json:
   tensors with dtype, shape, stride, offset, storage key by sharing, requires_grad, values).
   PyTorch 1.13's weights_only loader refuses every Python float (pytorch/pytorch#94670; 2.x
   accepts them), so files holding floats record that refusal and then the value read with
   weights_only=False.
2. The round trip (examples/checkpoint_roundtrip.ts): PyTorch trains the same model on the same
   data from manual_seed(0) for 15 steps (losses recorded); it loads torch-ts' checkpoint after 5
   steps and continues 5 steps (which must give its own steps 6-10); it saves its checkpoint after
   10 steps (pytorch_checkpoint.pt, model + optimizer) and its model's state_dict alone
   (pytorch_model.pt) with the forward pass of that model, for torch-ts to load and continue.
   SGD with momentum is used because its update is the same in 1.13 and 2.x.
"""
import copy
import math
import os

import torch

from common import HERE, write

FIXTURES = os.path.join(HERE, "..", "fixtures", "serialization")
DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.int32: "int32",
          torch.bool: "bool", torch.float16: "float16", torch.bfloat16: "bfloat16", torch.uint8: "uint8"}


def num(v):
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2 ** 53 - 1:
        return {"__int__": str(v)}
    return v


class Encoder:
    def __init__(self):
        self.keys = {}

    def __call__(self, v):
        if isinstance(v, torch.Tensor):
            key = self.keys.setdefault(v.storage().data_ptr(), str(len(self.keys)))
            out = {"dtype": DTYPES[v.dtype], "shape": list(v.shape), "stride": list(v.stride()),
                   "storage_offset": v.storage_offset(), "storage": key, "requires_grad": v.requires_grad,
                   "values": [num(x) for x in v.detach().reshape(-1).tolist()]}
            if isinstance(v, torch.nn.Parameter):
                out["parameter"] = True
            return {"__tensor__": out}
        if isinstance(v, torch.dtype):
            return {"__dtype__": DTYPES[v]}
        if isinstance(v, torch.Size):
            return {"__size__": list(v)}
        if isinstance(v, tuple):
            return {"__tuple__": [self(x) for x in v]}
        if isinstance(v, list):
            return [self(x) for x in v]
        if isinstance(v, dict):
            pairs = [[self(k), self(x)] for k, x in v.items()]
            if type(v) is dict:
                return {"__dict__": pairs}
            out = {"__ordered_dict__": pairs}
            if getattr(v, "_metadata", None) is not None:
                out["_metadata"] = self(v._metadata)
            return out
        if isinstance(v, float):
            return {"__float__": num(v)}
        return num(v)


def reads():
    out = {}
    for name in sorted(os.listdir(FIXTURES)):
        if not name.startswith(("values", "floats", "torchts")):
            continue
        path = os.path.join(FIXTURES, name)
        case = {}
        try:
            value = torch.load(path, weights_only=True)
            case["weights_only"] = "ok"
        except Exception as e:  # 1.13: floats
            case["weights_only"] = "refused: " + str(e).splitlines()[-1]
            value = torch.load(path)
        case["value"] = Encoder()(value)
        out[name] = case
    return out


def make_model():
    return torch.nn.Sequential(torch.nn.Linear(2, 8), torch.nn.Tanh(), torch.nn.Linear(8, 1))


def data():
    xs = [[(i - 3.5) / 4, (((i * 3) % 8) - 3.5) / 4] for i in range(8)]
    return torch.tensor(xs), torch.tensor([[a / 2 - b * b] for a, b in xs])


def make_optimizer(model):
    return torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def train(model, opt, steps):
    x, y = data()
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


def roundtrip():
    torch.manual_seed(0)
    model = make_model()
    opt = make_optimizer(model)
    scratch = train(model, opt, 10)
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": 10},
               os.path.join(FIXTURES, "pytorch_checkpoint.pt"))
    torch.save(model.state_dict(), os.path.join(FIXTURES, "pytorch_model.pt"))
    x, _ = data()
    with torch.no_grad():
        outputs = copy.deepcopy(model)(x)
    scratch += train(model, opt, 5)

    ck = torch.load(os.path.join(FIXTURES, "torchts_checkpoint.pt"))  # floats: see the docstring
    m2 = make_model()
    o2 = torch.optim.SGD(m2.parameters(), lr=0.5)
    m2.load_state_dict(ck["model"])
    o2.load_state_dict(ck["optimizer"])
    continued = train(m2, o2, 5)
    return {"pytorch_losses": scratch, "continued_from_torch_ts": continued, "step": ck["step"],
            "model_10_forward": outputs.reshape(-1).tolist()}


def main():
    write("serialization", {"reads": reads(), "roundtrip": roundtrip()})
