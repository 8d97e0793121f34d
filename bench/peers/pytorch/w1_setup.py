"""The W1 walkthrough as PyTorch users write it, shared by w1_walkthrough_sgd.py and w1_phases.py."""
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(1))
        self.bias = nn.Parameter(torch.zeros(1))

    def forward(self, xb):
        return xb * self.weight + self.bias


def walkthrough():
    """A fresh walkthrough: the loader, the model, the loss and the optimizer."""
    x = torch.arange(0, 9).float()
    y = x * 2 + 10
    loader = DataLoader(TensorDataset(x, y), batch_size=3)
    model = SimpleModel()
    return loader, model, nn.MSELoss(), optim.SGD(model.parameters(), lr=0.01)
