"""W2 mlp-train, PyTorch side: the same program as bench/workloads/w2_mlp_train.ts."""
import torch
from torch import nn, optim

from timing import median_us, report, setup_threads

setup_threads()
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
xs = [torch.randn(64, 784) for _ in range(50)]
ys = [torch.randint(0, 10, (64,)) for _ in range(50)]
i = 0


def step():
    global i
    x, y = xs[i % 50], ys[i % 50]
    i += 1
    optimizer.zero_grad()
    criterion(model(x), y).backward()
    optimizer.step()


report({"w2_step_ms": median_us(350, step, 7) / 1e3})
