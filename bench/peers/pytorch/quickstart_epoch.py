"""The Quickstart network's epoch, PyTorch side: the same program as
bench/workloads/quickstart_epoch.ts (the tutorial's model and loop on synthetic data of
FashionMNIST's shape)."""
import math

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from timing import median_us, report, setup_threads

setup_threads()
torch.manual_seed(0)
images = torch.rand(60000, 1, 28, 28)
labels = torch.randint(0, 10, (60000,))
loader = DataLoader(TensorDataset(images, labels), batch_size=64, shuffle=True)


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10)
        )

    def forward(self, x):
        return self.linear_relu_stack(self.flatten(x))


model = NeuralNetwork()
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
it = iter(loader)


def step():
    global it
    try:
        X, y = next(it)
    except StopIteration:
        it = iter(loader)
        X, y = next(it)
    loss = loss_fn(model(X), y)
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()


step_us = median_us(140, step, 7)
report({"quickstart_epoch_s": step_us * math.ceil(60000 / 64) / 1e6})
