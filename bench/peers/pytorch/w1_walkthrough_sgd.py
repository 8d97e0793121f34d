"""W1 walkthrough-sgd, PyTorch side: the same program as bench/workloads/w1_walkthrough_sgd.ts."""
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

from timing import median_us, report, setup_threads

setup_threads()


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, xb):
        return xb * self.weight + self.bias


x = torch.arange(0, 9).float()
y = x * 2 + 10
loader = DataLoader(TensorDataset(x, y), batch_size=3)
model = SimpleModel()
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)


def epoch():
    for xb, yb in loader:
        optimizer.zero_grad()
        criterion(model(xb), yb).backward()
        optimizer.step()


xb, yb = next(iter(loader))
criterion(model(xb), yb).backward()
optimizer.step()
assert abs(model.weight.item() - 0.26667) < 1e-5 and abs(model.bias.item() - 0.24) < 1e-5

# 3000 epochs in 5 rounds; an epoch is 3 optimizer steps
report({"w1_step_us": median_us(3000, epoch, 5) / 3})
