"""Golden values for torch.utils.data (test/utils/data/*.test.ts), including the random draws.

Every random case records, after its steps, the next values of torch.rand from the default
generator (and from the case's own generator when it has one): equal values there prove that
torch-ts took exactly as many words from each generator as PyTorch (pytorch-rng.md sections 5, 8).

PyTorch 2.x notes (this machine runs 1.13): the draw sequence of DataLoader (base seed at
iter(), RandomSampler's lazy seed and final randperm), random_split, the samplers and
multinomial's CPU algorithm are unchanged in 2.x's dataloader.py / sampler.py / dataset.py /
Distributions.cpp, so the 1.13 values are 2.x's, with one exception:
- torch.multinomial with replacement=True and num_samples == 1: 2.x takes the no-replacement
  fast path ("Fast-path for no replacement or if only one sample is drawn": argmax of
  p / exponential_(1)), 1.13 the cumulative-distribution search. In 2.x that call is therefore
  the same computation as replacement=False, which is how the cases below record it
  (multinomial_2x, and the "weighted_one" sampler built with replacement=False).
"""
import torch
from torch.utils.data import (
    BatchSampler,
    ConcatDataset,
    DataLoader,
    RandomSampler,
    SequentialSampler,
    Subset,
    SubsetRandomSampler,
    TensorDataset,
    WeightedRandomSampler,
    random_split,
)
from torch.utils.data._utils.collate import default_collate

import common


def multinomial_2x(probs, n, replacement, **kw):
    """torch.multinomial as PyTorch 2.x computes it (see the module docstring)."""
    return torch.multinomial(probs, n, replacement and n != 1, **kw)


def after(g=None):
    """What the generators give next: default rand(3), and the case generator's rand(3)."""
    out = {"default_next": torch.rand(3).tolist()}
    if g is not None:
        out["gen_next"] = torch.rand(3, generator=g).tolist()
    return out


def epochs(loader, n):
    """n epochs of a loader over TensorDataset(arange(...)): each epoch a list of batch lists."""
    return [[b[0].tolist() for b in loader] for _ in range(n)]


def loader_cases():
    cases = []
    for (seed, n, bs, drop_last, shuffle, use_gen) in [
        (0, 10, 4, False, True, False),  # the pytorch-rng.md section 10 vector
        (0, 10, 4, False, True, True),
        (3, 7, 3, True, True, False),
        (3, 7, 3, True, True, True),
        (5, 12, 4, True, True, False),  # drop_last with an exact multiple
        (5, 12, 4, False, False, False),  # no shuffle: only the base seed is drawn
        (7, 1, 1, False, True, False),  # n = 1: randperm(1) draws no word
        (11, 9, 2, False, False, True),  # no shuffle, base seed from the generator
    ]:
        torch.manual_seed(seed)
        g = torch.Generator().manual_seed(seed + 100) if use_gen else None
        ds = TensorDataset(torch.arange(n))
        dl = DataLoader(ds, batch_size=bs, shuffle=shuffle, drop_last=drop_last, generator=g)
        case = {
            "kind": "loader",
            "seed": seed,
            "gen_seed": seed + 100 if use_gen else None,
            "n": n,
            "batch_size": bs,
            "drop_last": drop_last,
            "shuffle": shuffle,
            "len": len(dl),
            "epochs": epochs(dl, 3),
        }
        case.update(after(g))
        cases.append(case)
    return cases


def partial_cases():
    """Draw timing: iter() alone draws the base seed; the sampler's seed comes at the first next()."""
    cases = {}
    torch.manual_seed(0)
    dl = DataLoader(TensorDataset(torch.arange(10)), batch_size=4, shuffle=True)
    it = iter(dl)
    cases["iter_only"] = after()
    torch.manual_seed(0)
    it = iter(dl)
    first = next(it)[0].tolist()
    cases["one_batch"] = {"first": first, **after()}
    torch.manual_seed(0)
    it = iter(dl)
    batches = [next(it)[0].tolist() for _ in range(3)]  # the last batch, but not exhausted
    cases["not_exhausted"] = {"batches": batches, **after()}
    del it
    return cases


def split_cases():
    cases = []
    for (seed, n, lengths, gen_seed) in [
        (0, 10, [3, 7], None),
        (1, 11, [0.3, 0.3, 0.4], None),
        (2, 10, [0.5, 0.5], 42),
        (3, 7, [0.1, 0.9], None),  # 0.7 floors to 0: remainder goes round robin
        (4, 5, [5], None),
    ]:
        torch.manual_seed(seed)
        g = torch.Generator().manual_seed(gen_seed) if gen_seed is not None else None
        ds = TensorDataset(torch.arange(n))
        parts = random_split(ds, lengths, generator=g) if g is not None else random_split(ds, lengths)
        case = {
            "seed": seed,
            "n": n,
            "lengths": lengths,
            "gen_seed": gen_seed,
            "indices": [list(p.indices) for p in parts],
            "values": [[p[i][0].item() for i in range(len(p))] for p in parts],
        }
        case.update(after(g))
        cases.append(case)
    errors = {
        "sum": common.error_of(lambda: random_split(TensorDataset(torch.arange(5)), [2, 2])),
        "fraction": common.error_of(lambda: random_split(TensorDataset(torch.arange(5)), [1.5, -0.5])),
    }
    return cases, errors


def sampler_cases():
    cases = []

    def run(name, seed, gen_seed, make, epochs_n=2):
        torch.manual_seed(seed)
        g = torch.Generator().manual_seed(gen_seed) if gen_seed is not None else None
        s = make(g)
        case = {"name": name, "seed": seed, "gen_seed": gen_seed, "len": len(s), "epochs": [list(s) for _ in range(epochs_n)]}
        case.update(after(g))
        cases.append(case)

    ds10 = TensorDataset(torch.arange(10))
    ds5 = TensorDataset(torch.arange(5))
    run("random", 0, None, lambda g: RandomSampler(ds10, generator=g))
    run("random", 1, 9, lambda g: RandomSampler(ds10, generator=g))
    run("random_num_samples", 2, None, lambda g: RandomSampler(ds10, num_samples=25, generator=g))
    run("random_replacement", 3, None, lambda g: RandomSampler(ds5, replacement=True, num_samples=70, generator=g))
    run("random_replacement", 4, 8, lambda g: RandomSampler(ds5, replacement=True, num_samples=70, generator=g))
    run("random_replacement_default", 5, None, lambda g: RandomSampler(ds10, replacement=True, generator=g))
    run("subset", 6, None, lambda g: SubsetRandomSampler([10, 20, 30, 40, 50, 60], generator=g))
    run("subset", 7, 3, lambda g: SubsetRandomSampler([10, 20, 30, 40, 50, 60], generator=g))
    w = [0.1, 0.9, 0.4, 0.0, 2.5]
    run("weighted", 8, None, lambda g: WeightedRandomSampler(w, 20, generator=g))
    run("weighted", 9, 5, lambda g: WeightedRandomSampler(w, 20, generator=g))
    run("weighted_no_replacement", 10, None, lambda g: WeightedRandomSampler(w, 4, replacement=False, generator=g))
    # 2.x: WeightedRandomSampler(w, 1) (replacement=True) draws what replacement=False draws
    run("weighted_one", 11, None, lambda g: WeightedRandomSampler(w, 1, replacement=False, generator=g), epochs_n=3)
    run("sequential", 12, None, lambda g: SequentialSampler(ds5))
    run("batch", 13, None, lambda g: BatchSampler(RandomSampler(ds10, generator=g), 3, False))
    run("batch_drop_last", 14, None, lambda g: BatchSampler(RandomSampler(ds10, generator=g), 3, True))
    # a DataLoader driven by an explicit sampler / batch_sampler
    torch.manual_seed(15)
    sub = SubsetRandomSampler([1, 3, 5, 7, 9])
    dl = DataLoader(TensorDataset(torch.arange(10).mul(10)), batch_size=2, sampler=sub)
    case = {"name": "loader_sampler", "seed": 15, "gen_seed": None, "len": len(dl), "epochs": epochs(dl, 2)}
    case.update(after())
    cases.append(case)
    torch.manual_seed(16)
    bsamp = BatchSampler(SequentialSampler(range(7)), 3, True)
    dl = DataLoader(TensorDataset(torch.arange(7).mul(10)), batch_sampler=bsamp)
    case = {"name": "loader_batch_sampler", "seed": 16, "gen_seed": None, "len": len(dl), "epochs": epochs(dl, 2)}
    case.update(after())
    cases.append(case)
    errors = {
        "num_samples": common.error_of(lambda: RandomSampler(ds10, num_samples=0)),
        "weighted_num_samples": common.error_of(lambda: WeightedRandomSampler(w, 0)),
        "weighted_shape": common.error_of(lambda: WeightedRandomSampler([[1.0, 2.0]], 2)),
        "batch_size": common.error_of(lambda: BatchSampler(SequentialSampler(ds10), 0, False)),
    }
    return cases, errors


def multinomial_cases():
    cases = []
    probs32 = torch.tensor([[0.2, 0.0, 1.3, 0.5, 3.0, 0.01], [1.0, 1.0, 1.0, 1.0, 1.0, 1.0]])
    probs64 = torch.tensor([0.05, 0.15, 0.3, 0.5], dtype=torch.float64)
    for (seed, probs, n, repl) in [
        (0, probs32, 12, True),
        (1, probs32, 4, False),
        (2, probs32, 1, True),
        (3, probs32, 1, False),
        (4, probs64, 50, True),
        (5, probs64, 4, False),
        (6, probs32[0], 6, False),
        (7, probs32.t().contiguous().t(), 7, True),  # a transposed-contiguous copy of the same values
    ]:
        torch.manual_seed(seed)
        cases.append({"seed": seed, "probs": probs, "n": n, "replacement": repl, "out": multinomial_2x(probs, n, repl), **after()})
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(77)
    cases.append({"seed": 0, "gen_seed": 77, "probs": probs64, "n": 10, "replacement": True,
                  "out": multinomial_2x(probs64, 10, True, generator=g), **after(g)})
    errors = {
        "dim": common.error_of(lambda: torch.multinomial(torch.ones(2, 2, 2), 1)),
        "dtype": common.error_of(lambda: torch.multinomial(torch.ones(3, dtype=torch.int64), 1)),
        "n_sample": common.error_of(lambda: torch.multinomial(torch.ones(3), 0)),
        "too_many": common.error_of(lambda: torch.multinomial(torch.ones(3), 4)),
        "negative": common.error_of(lambda: torch.multinomial(torch.tensor([1.0, -1.0]), 1)),
        "zero_sum": common.error_of(lambda: torch.multinomial(torch.zeros(3), 2)),
        "negative_replacement": common.error_of(lambda: torch.multinomial(torch.tensor([1.0, -1.0]), 2, True)),
        "inf_replacement": common.error_of(lambda: torch.multinomial(torch.tensor([1.0, float("inf")]), 2, True)),
        "zero_sum_replacement": common.error_of(lambda: torch.multinomial(torch.zeros(3), 2, True)),
    }
    return cases, errors


def collate_cases():
    """Inputs as JSON (tensors encoded); floats are non-integral, as torch-ts types numbers by value."""
    inputs = {
        "ints": [0, 1, 2, 3],
        "floats": [0.5, 1.25, -2.5],
        "bools": [True, False, True],
        "strings": ["a", "b", "c"],
        "tensors": [torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]), torch.tensor([5.0, 6.0])],
        "int_tensors": [torch.tensor(3), torch.tensor(5)],
        "pairs": [[torch.tensor([1.0, 2.0]), 0], [torch.tensor([3.0, 4.0]), 1]],
        "dicts": [{"A": 0, "B": 1.5}, {"A": 100, "B": 100.5}],
        "nested": [{"x": [1, 2], "y": {"z": torch.tensor([1, 2], dtype=torch.int32)}},
                   {"x": [3, 4], "y": {"z": torch.tensor([3, 4], dtype=torch.int32)}}],
    }
    cases = {k: {"batch": v, "out": default_collate(v)} for k, v in inputs.items()}
    errors = {
        "unequal": common.error_of(lambda: default_collate([[1, 2], [3]])),
        "stack": common.error_of(lambda: default_collate([torch.ones(2), torch.ones(3)])),
    }
    return cases, errors


def dataset_cases():
    x = torch.arange(12.0).reshape(6, 2)
    y = torch.arange(6) * 10
    td = TensorDataset(x, y)
    sub = Subset(td, [5, 0, 3])
    cat = ConcatDataset([TensorDataset(torch.arange(3)), TensorDataset(torch.arange(10, 14))])
    out = {
        "x": x,
        "y": y,
        "item": list(td[4]),
        "item_neg": list(td[-1]),
        "len": len(td),
        "subset": [list(sub[i]) for i in range(len(sub))],
        "subset_neg": list(sub[-1]),
        "concat_len": len(cat),
        "concat_cumulative": cat.cumulative_sizes,
        "concat_items": [cat[i][0].item() for i in range(len(cat))],
        "concat_neg": cat[-2][0].item(),
        "concat_add": [v[0].item() for v in (TensorDataset(torch.arange(2)) + TensorDataset(torch.arange(5, 7)))],
    }
    # the walkthrough's trap: 9 inputs, 8 targets
    errors = {
        "size_mismatch": common.error_of(lambda: TensorDataset(torch.arange(9.0), torch.arange(8.0))),
        "concat_neg": common.error_of(lambda: cat[-8]),
        "concat_empty": common.error_of(lambda: ConcatDataset([])),
    }
    # loader with a sample of (tensor, python int), batch_size=None and default shuffle off
    class Pairs(torch.utils.data.Dataset):
        def __len__(self):
            return 5

        def __getitem__(self, i):
            return (torch.tensor([float(i), float(i) / 2]), i * 3)

    torch.manual_seed(0)
    pairs = [[b[0], b[1]] for b in DataLoader(Pairs(), batch_size=2)]
    no_batch = [list(s) for s in DataLoader(td, batch_size=None)]
    dl_errors = {
        "sampler_shuffle": common.error_of(lambda: DataLoader(td, sampler=SequentialSampler(td), shuffle=True)),
        "batch_sampler": common.error_of(
            lambda: DataLoader(td, batch_size=2, batch_sampler=BatchSampler(SequentialSampler(td), 2, False))
        ),
        "none_drop_last": common.error_of(lambda: DataLoader(td, batch_size=None, drop_last=True)),
        "num_workers": common.error_of(lambda: DataLoader(td, num_workers=-1)),
    }
    return out, errors, {"pairs": pairs, "no_batch": no_batch}, dl_errors


def main():
    split, split_errors = split_cases()
    samplers, sampler_errors = sampler_cases()
    multinomial, multinomial_errors = multinomial_cases()
    collate, collate_errors = collate_cases()
    dataset, dataset_errors, loads, loader_errors = dataset_cases()
    common.write(
        "data",
        {
            "loader": loader_cases(),
            "partial": partial_cases(),
            "split": split,
            "split_errors": split_errors,
            "samplers": samplers,
            "sampler_errors": sampler_errors,
            "multinomial": multinomial,
            "multinomial_errors": multinomial_errors,
            "collate": collate,
            "collate_errors": collate_errors,
            "dataset": dataset,
            "dataset_errors": dataset_errors,
            "loads": loads,
            "loader_errors": loader_errors,
        },
    )


if __name__ == "__main__":
    main()
