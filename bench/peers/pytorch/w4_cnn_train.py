"""W4 cnn-train, PyTorch side."""
import torch
from torch import nn, optim

from timing import median_us, report, setup_threads

setup_threads()
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Flatten(),
    nn.Linear(784, 10),
)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)
x = torch.randn(32, 1, 28, 28)
y = torch.randint(0, 10, (32,))


def step():
    optimizer.zero_grad()
    criterion(model(x), y).backward()
    optimizer.step()


report({"w4_step_ms": median_us(300, step, 7) / 1e3})
