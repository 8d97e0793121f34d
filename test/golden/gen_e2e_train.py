"""Fixture for a training loop whose pieces must work together: a Sequential MLP with Dropout,
initialised after manual_seed, trained for a few steps with CrossEntropyLoss(label_smoothing),
SGD (nesterov, weight_decay), clip_grad_norm_ and StepLR: losses, total norms, learning rates
and the final parameters (Dropout masks drawn between the steps included).

PyTorch 2.x vs the installed 1.13: label smoothing differs only when targets are ignored with
reduction='mean' (not the case here); SGD, StepLR, clip_grad_norm_ and the draws are the same.
"""

import torch
import torch.nn as nn

from common import write


def train():
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Dropout(0.2), nn.Linear(8, 3))
    init = {k: v.clone() for k, v in model.state_dict().items()}
    X = torch.randn(6, 5)
    y = torch.tensor([0, 2, 1, 1, 0, 2])
    crit = nn.CrossEntropyLoss(label_smoothing=0.1)
    opt = torch.optim.SGD(model.parameters(), lr=0.2, momentum=0.9, nesterov=True, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=3, gamma=0.5)
    losses, norms, lrs = [], [], []
    for _ in range(8):
        opt.zero_grad()
        loss = crit(model(X), y)
        loss.backward()
        norms.append(nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.35).item())
        opt.step()
        sched.step()
        losses.append(loss.item())
        lrs.append(sched.get_last_lr()[0])
    model.eval()
    return {
        "init": init,
        "X": X,
        "y": y,
        "losses": losses,
        "norms": norms,
        "lrs": lrs,
        "final": model.state_dict(),
        "eval_out": model(X).detach(),
        "after": torch.rand(3),
    }


def main():
    write("e2e_train", {"train": train()})


if __name__ == "__main__":
    main()
