"""Golden values for the walkthrough (examples/walkthrough.ts, checked by test/examples.test.ts).

The walkthrough's program in PyTorch, as the example ports it: y = w * x + b (weight and bias
Parameters of shape [1], both zero) fitted to y = 2x + 10 on x = 0..8 with nn.MSELoss,
optim.SGD(lr=0.01) and DataLoader(TensorDataset(x, y), batch_size=3) without shuffle.
Recorded: per batch of the first epoch the gradients before backward (None: zero_grad sets them
to None, PyTorch 2's default set_to_none=True; 1.13 defaults to zeroing, so the generator passes
set_to_none=True explicitly), the loss and its repr, the gradients, the updated parameters; the
backward graph walked from loss.grad_fn; the parameters every 50 epochs up to 300; and the
error of the original listing's 8 targets for 9 inputs.
"""
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

import common


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, xb):
        return xb * self.weight + self.bias


def walk(fn, seen, out):
    """The backward graph, depth first from the loss: each node's name and its edges' names."""
    if fn is None or fn in seen:
        return
    seen.add(fn)
    out.append({"name": fn.name(), "next": [None if f is None else f.name() for f, _ in fn.next_functions]})
    for f, _ in fn.next_functions:
        walk(f, seen, out)


def item_or_none(t):
    return None if t is None else t.item()


def main():
    x = torch.tensor([0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    y = torch.tensor([10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0, 26.0])
    model = SimpleModel()
    criterion = nn.MSELoss()
    optimizer = optim.SGD(model.parameters(), lr=0.01)
    loader = DataLoader(TensorDataset(x, y), batch_size=3)

    batches = []
    graph = []
    for i, (xb, yb) in enumerate(loader):
        before = [item_or_none(model.weight.grad), item_or_none(model.bias.grad)]
        optimizer.zero_grad(set_to_none=True)  # PyTorch 2's default
        after_zero = [item_or_none(model.weight.grad), item_or_none(model.bias.grad)]
        loss = criterion(model(xb), yb)
        if i == 0:
            walk(loss.grad_fn, set(), graph)
        loss.backward()
        grads = [model.weight.grad.item(), model.bias.grad.item()]
        optimizer.step()
        batches.append({
            "x": xb.tolist(),
            "y": yb.tolist(),
            "grad_before": before,
            "grad_after_zero_grad": after_zero,
            "loss": loss.item(),
            "loss_repr": str(loss),
            "grad": grads,
            "weight": model.weight.item(),
            "bias": model.bias.item(),
            "weight_repr": str(model.weight.data),
        })

    progress = []
    for epoch in range(2, 301):
        for xb, yb in loader:
            optimizer.zero_grad(set_to_none=True)
            loss = criterion(model(xb), yb)
            loss.backward()
            optimizer.step()
        if epoch % 50 == 0:
            progress.append({"epoch": epoch, "weight": model.weight.item(), "bias": model.bias.item(), "loss": loss.item()})

    y8 = torch.tensor([10.0, 12.0, 14.0, 16.0, 18.0, 20.0, 22.0, 24.0])
    common.write(
        "walkthrough",
        {
            "batches": batches,
            "backward_graph": graph,
            "progress": progress,
            "final": {"weight": model.weight.item(), "bias": model.bias.item()},
            "size_mismatch": common.error_of(lambda: TensorDataset(x, y8)),
        },
    )


if __name__ == "__main__":
    main()
