"""Fixture for a Python list as a DataLoader's dataset (PyTorch's DataLoader takes any object with
__getitem__): the shuffled, collated batches of [tensor, int] pairs and of dicts.
"""

import torch

from common import write


def list_loader():
    """A Python list as the dataset (PyTorch's DataLoader takes any object with __getitem__)."""
    from torch.utils.data import DataLoader

    torch.manual_seed(2)
    pairs = [[torch.tensor([float(i), -0.5 * i]), i] for i in range(7)]
    dl = DataLoader(pairs, batch_size=3, shuffle=True)
    epochs = [[[x, y] for x, y in dl] for _ in range(2)]
    out = {"pairs": pairs, "len": len(dl), "epochs": epochs, "after": torch.rand(3)}
    dicts = [{"x": i * 0.5 + 0.25, "y": [i, i + 1]} for i in range(5)]
    out["dicts"] = dicts
    out["dict_batches"] = [b for b in DataLoader(dicts, batch_size=2, drop_last=True)]
    return out


def main():
    write("data_list", {"list_loader": list_loader()})


if __name__ == "__main__":
    main()
