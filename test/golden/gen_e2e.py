"""Golden values for the end-to-end training tests (test/e2e/*.test.ts).

- mlp: a 4 -> 8 -> ReLU -> 3 MLP (nn.Linear, nn.ReLU) trained full batch for 15 steps with
  nn.CrossEntropyLoss and optim.SGD(lr=0.1, momentum=0.9): the initial state_dict (as made by
  manual_seed(0), so the test can also check torch-ts's default init), the data, the loss of
  every step, and the final parameters.
- mlp_loader: the same model from the same weights, trained with
  DataLoader(TensorDataset(X, y), batch_size=8, shuffle=True) for 3 epochs after
  manual_seed(1): the losses of every step (shuffling, collation and the training stack).
- xor: a 2 -> 8 -> ReLU -> 2 MLP learning XOR with CrossEntropyLoss and SGD momentum 0.9,
  full batch: its initial weights, the loss every 50 steps and the final predictions.

PyTorch 2.x notes (this machine runs 1.13): optimizer.zero_grad() sets grads to None in 2.x;
the generator passes set_to_none=True, which gives 2.x's behaviour (the values do not depend
on it here, since SGD skips no parameter).
"""
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

import common


class MLP(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.fc1 = nn.Linear(n_in, n_hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(n_hidden, n_out)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


def state(model):
    return {k: v.detach().clone() for k, v in model.state_dict().items()}


def mlp_case():
    torch.manual_seed(0)
    model = MLP(4, 8, 3)
    init = state(model)
    torch.manual_seed(123)
    X = torch.randn(24, 4)
    y = torch.randint(0, 3, (24,))
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    losses = []
    logits0 = None
    for step in range(15):
        optimizer.zero_grad(set_to_none=True)
        out = model(X)
        if step == 0:
            logits0 = out.detach().clone()
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    final = state(model)

    # the same start, mini-batches from a shuffling DataLoader
    model2 = MLP(4, 8, 3)
    model2.load_state_dict(init)
    optimizer2 = optim.SGD(model2.parameters(), lr=0.1, momentum=0.9)
    torch.manual_seed(1)
    loader = DataLoader(TensorDataset(X, y), batch_size=8, shuffle=True)
    loader_losses = []
    for _ in range(3):
        for xb, yb in loader:
            optimizer2.zero_grad(set_to_none=True)
            loss = criterion(model2(xb), yb)
            loss.backward()
            optimizer2.step()
            loader_losses.append(loss.item())
    return (
        {"init": init, "X": X, "y": y, "logits0": logits0, "losses": losses, "final": final},
        {"losses": loader_losses, "final": state(model2), "next_rand": torch.rand(3).tolist()},
    )


def xor_case():
    torch.manual_seed(1)
    model = MLP(2, 8, 2)
    init = state(model)
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = torch.tensor([0, 1, 1, 0])
    criterion = nn.CrossEntropyLoss()
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    checkpoints = []
    steps = 300
    for step in range(1, steps + 1):
        optimizer.zero_grad(set_to_none=True)
        loss = criterion(model(X), y)
        loss.backward()
        optimizer.step()
        if step % 50 == 0:
            checkpoints.append({"step": step, "loss": loss.item()})
    with torch.no_grad():
        final_loss = criterion(model(X), y).item()
        preds = model(X).argmax(1)
    assert preds.tolist() == [0, 1, 1, 0], "PyTorch must learn XOR from this seed"
    return {"init": init, "X": X, "y": y, "steps": steps, "checkpoints": checkpoints, "final_loss": final_loss, "preds": preds}


def main():
    mlp, mlp_loader = mlp_case()
    common.write("e2e", {"mlp": mlp, "mlp_loader": mlp_loader, "xor": xor_case()})


if __name__ == "__main__":
    main()
