"""W2 mlp-train, PyTorch side: the same program as bench/workloads/w2_mlp_train.ts."""
import json

import torch
from torch import nn, optim

from timing import median_us

torch.set_num_threads(1)
torch.manual_seed(0)

batches = [(torch.randn(64, 784), torch.randint(0, 10, (64,))) for _ in range(50)]
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
state = {"next": 0}


def train_step():
    xb, yb = batches[state["next"]]
    state["next"] = (state["next"] + 1) % len(batches)
    optimizer.zero_grad()
    criterion(model(xb), yb).backward()
    optimizer.step()


# 500 steps in 5 rounds (10 passes over the batches), after the warm-up
print(json.dumps({"w2_step_ms": median_us(500, train_step, 5) / 1e3}))
