"""Golden output of the PyTorch tutorials ported in examples/ (checked by
test/examples/tutorials.test.ts): runs each examples/pytorch/<name>.py, the PyTorch original of
examples/<name>.ts, and records what it prints, line by line.
"""
import os
import subprocess
import sys

import common

EXAMPLES = os.path.join(common.HERE, "..", "..", "examples", "pytorch")
TUTORIALS = ["polynomial_fit", "build_the_neural_network", "optimizing_model_parameters"]


def main():
    out = {}
    for name in TUTORIALS:
        path = os.path.join(EXAMPLES, f"{name}.py")
        printed = subprocess.run([sys.executable, path], check=True, capture_output=True, text=True).stdout
        out[name] = printed.split("\n")
    common.write("tutorials", out)
