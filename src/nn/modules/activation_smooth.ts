/**
 * The activation modules of torch/nn/modules/activation.py, smooth family and the softmax
 * family: GELU, SiLU, Mish, Sigmoid, Tanh, Softsign, Tanhshrink, LogSigmoid, Softplus,
 * Hardsigmoid, Hardswish, GLU, Softmax, LogSoftmax, Softmin, Softmax2d. Same shape as
 * activation.ts: PyTorch's arguments as fields, forward through F, PyTorch's extra_repr.
 */
import { kwargs } from "../../tensor/args.js";
import type { Tensor } from "../../tensor/tensor.js";
import * as F from "../functional/activation.js";
import { Module } from "../module.js";
import { Activation, InplaceActivation, Num } from "./activation_base.js";
import { class_name } from "../../names.js";

/** nn.SiLU(inplace=False): x * sigmoid(x). */
export class SiLU extends InplaceActivation {
  static override readonly __name__: string = "SiLU";
  override forward(input: Tensor): Tensor {
    return F.silu(input, this.inplace);
  }
}

/** nn.Mish(inplace=False): x * tanh(softplus(x)). */
export class Mish extends InplaceActivation {
  static override readonly __name__: string = "Mish";
  override forward(input: Tensor): Tensor {
    return F.mish(input, this.inplace);
  }
}

/** nn.Hardsigmoid(inplace=False); PyTorch prints no arguments for it. */
export class Hardsigmoid extends InplaceActivation {
  static override readonly __name__: string = "Hardsigmoid";
  override forward(input: Tensor): Tensor {
    return F.hardsigmoid(input, this.inplace);
  }
  /** Empty: PyTorch prints no arguments for it. */
  override extra_repr(): string {
    return "";
  }
}

/** nn.Hardswish(inplace=False); PyTorch prints no arguments for it. */
export class Hardswish extends InplaceActivation {
  static override readonly __name__: string = "Hardswish";
  override forward(input: Tensor): Tensor {
    return F.hardswish(input, this.inplace);
  }
  /** Empty: PyTorch prints no arguments for it. */
  override extra_repr(): string {
    return "";
  }
}

/** nn.GELU(approximate='none'): x * Phi(x), or its tanh approximation. */
export class GELU extends Activation {
  static override readonly __name__: string = "GELU";
  declare approximate: "none" | "tanh";
  constructor(...args: [approximate?: "none" | "tanh"] | [options: { approximate?: "none" | "tanh" }]) {
    super();
    this.approximate =
      kwargs<{ approximate: "none" | "tanh" }>("GELU", args, ["approximate"]).approximate ?? "none";
  }
  override forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

/** nn.Sigmoid: 1 / (1 + exp(-x)). */
export class Sigmoid extends Module {
  static override readonly __name__: string = "Sigmoid";
  override forward(input: Tensor): Tensor {
    return F.sigmoid(input);
  }
}

/** nn.Tanh */
export class Tanh extends Module {
  static override readonly __name__: string = "Tanh";
  override forward(input: Tensor): Tensor {
    return F.tanh(input);
  }
}

/** nn.Softsign: x / (1 + |x|). */
export class Softsign extends Module {
  static override readonly __name__: string = "Softsign";
  override forward(input: Tensor): Tensor {
    return F.softsign(input);
  }
}

/** nn.Tanhshrink: x - tanh(x). */
export class Tanhshrink extends Module {
  static override readonly __name__: string = "Tanhshrink";
  override forward(input: Tensor): Tensor {
    return F.tanhshrink(input);
  }
}

/** nn.LogSigmoid: log(sigmoid(x)). */
export class LogSigmoid extends Module {
  static override readonly __name__: string = "LogSigmoid";
  override forward(input: Tensor): Tensor {
    return F.logsigmoid(input);
  }
}

/**
 * nn.Softplus(beta=1.0, threshold=20.0). PyTorch 2.x declares both as floats (1.13 had the
 * ints 1 and 20), so the defaults print as `Softplus(beta=1.0, threshold=20.0)`.
 */
export class Softplus extends Activation {
  static override readonly __name__: string = "Softplus";
  declare beta: number;
  declare threshold: number;
  constructor(...args: (number | undefined | { beta?: number; threshold?: number })[]) {
    super();
    const o = kwargs<{ beta: number; threshold: number }>("Softplus", args, ["beta", "threshold"]);
    this.beta = this._num("beta", Num.of(o.beta, 1.0));
    this.threshold = this._num("threshold", Num.of(o.threshold, 20.0));
  }
  override forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  override extra_repr(): string {
    return `beta=${this._repr("beta", this.beta)}, threshold=${this._repr("threshold", this.threshold)}`;
  }
}

/** nn.GLU(dim=-1): a * sigmoid(b) over the two halves of the input along dim. */
export class GLU extends Module {
  static override readonly __name__: string = "GLU";
  declare dim: number;
  constructor(...args: [dim?: number] | [options: { dim?: number }]) {
    super();
    this.dim = kwargs<{ dim: number }>("GLU", args, ["dim"]).dim ?? -1;
  }
  override forward(input: Tensor): Tensor {
    return F.glu(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${this.dim}`;
  }
}

type DimArgs = [dim?: number | null] | [options: { dim?: number | null }];

/** Softmax, LogSoftmax and Softmin: a dim (None: PyTorch's legacy implicit choice). */
abstract class SoftmaxBase extends Module {
  declare dim: number | null;
  constructor(...args: DimArgs) {
    super();
    this.dim = kwargs<{ dim: number | null }>(class_name(this), args, ["dim"]).dim ?? null;
  }
  override extra_repr(): string {
    return `dim=${this.dim === null ? "None" : this.dim}`;
  }
}

/** nn.Softmax(dim=None) */
export class Softmax extends SoftmaxBase {
  static override readonly __name__: string = "Softmax";
  override forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim);
  }
}

/** nn.LogSoftmax(dim=None) */
export class LogSoftmax extends SoftmaxBase {
  static override readonly __name__: string = "LogSoftmax";
  override forward(input: Tensor): Tensor {
    return F.log_softmax(input, this.dim);
  }
}

/** nn.Softmin(dim=None): softmax(-x). */
export class Softmin extends SoftmaxBase {
  static override readonly __name__: string = "Softmin";
  override forward(input: Tensor): Tensor {
    return F.softmin(input, this.dim);
  }
}

/** nn.Softmax2d: softmax over the channels (dim -3) of a (C, H, W) or (N, C, H, W) input. */
export class Softmax2d extends Module {
  static override readonly __name__: string = "Softmax2d";
  override forward(input: Tensor): Tensor {
    const d = input.dim();
    if (d !== 3 && d !== 4) {
      throw new Error(`Softmax2d: expected input to be 3D or 4D, got ${d}D instead`);
    }
    return F.softmax(input, -3);
  }
}
