"""PyTorch's "Optimizing Model Parameters" tutorial (the train and test loops of the
Quickstart network), seeded (torch.manual_seed(0)) so that torch-ts's port,
examples/optimizing_model_parameters.ts, can be compared with it line by line.

The tutorial trains on FashionMNIST; to run anywhere without a download, both programs make a
synthetic dataset of the same shape instead: random images with a brighter band of rows whose
position is the label, so that there is something to learn. Everything else is the tutorial's
code, but the datasets are smaller, so the learning rate is 1e-1 instead of 1e-3 and the loss is
printed every 10 batches instead of 100.
"""
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


def synthetic_fashion(n):
    """n 1x28x28 images in [0, 1) and labels 0..9: image i is noise in [0, 0.5) plus 0.1 on the
    rows r with r // 3 == label[i]."""
    images = torch.rand(n, 1, 28, 28) * 0.5
    labels = torch.randint(0, 10, (n,))
    rows = torch.div(torch.arange(28), 3, rounding_mode="floor")
    band = (rows.view(1, 28) == labels.view(n, 1)).float()
    return TensorDataset(images + 0.1 * band.view(n, 1, 28, 1), labels)


training_data = synthetic_fashion(1920)
test_data = synthetic_fashion(384)

train_dataloader = DataLoader(training_data, batch_size=64)
test_dataloader = DataLoader(test_data, batch_size=64)


class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28 * 28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits


model = NeuralNetwork()

learning_rate = 1e-1
batch_size = 64
epochs = 4

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)


def train_loop(dataloader, model, loss_fn, optimizer):
    size = len(dataloader.dataset)
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        # Compute prediction and loss
        pred = model(X)
        loss = loss_fn(pred, y)

        # Backpropagation
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()

        if batch % 10 == 0:
            loss, current = loss.item(), batch * batch_size + len(X)
            print(f"loss: {loss:>7f}  [{current:>5d}/{size:>5d}]")


def test_loop(dataloader, model, loss_fn):
    model.eval()
    size = len(dataloader.dataset)
    num_batches = len(dataloader)
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()

    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")


for t in range(epochs):
    print(f"Epoch {t+1}\n-------------------------------")
    train_loop(train_dataloader, model, loss_fn, optimizer)
    test_loop(test_dataloader, model, loss_fn)
print("Done!")
