/**
 * The dropout modules of torch/nn/modules/dropout.py. In training mode each draws PyTorch's mask
 * (same elements dropped after the same manual_seed); in eval mode (`model.eval()`) each returns
 * its input and draws nothing, so the generator's state is left untouched.
 */
import type { Tensor } from "../../tensor/tensor.js";
import { kwargs } from "../../tensor/args.js";
import * as F from "../functional/dropout.js";
import { Module } from "../module.js";
import { py_bool, py_number } from "../../format.js";
import { check_dropout_p } from "../../ops/layers/dropout.js";
import { class_name } from "../../names.js";

export interface DropoutModuleOptions {
  p?: number;
  inplace?: boolean;
}

/** _DropoutNd: holds p (checked to lie in [0, 1]) and inplace. */
export class _DropoutNd extends Module {
  declare p: number;
  declare inplace: boolean;
  constructor(
    ...args:
      [options?: DropoutModuleOptions] | [p: number, options?: DropoutModuleOptions] | [number, boolean]
  ) {
    super();
    const o = kwargs<Required<DropoutModuleOptions>>(class_name(this), args, ["p", "inplace"]);
    const prob = o.p ?? 0.5;
    check_dropout_p(prob, true);
    this.p = prob;
    this.inplace = o.inplace ?? false;
  }
  override extra_repr(): string {
    return `p=${py_number(this.p)}, inplace=${py_bool(this.inplace)}`;
  }
}

/** nn.Dropout(p=0.5, inplace=False): zeroes each element with probability p, scales the rest by 1/(1-p). */
export class Dropout extends _DropoutNd {
  static override readonly __name__: string = "Dropout";
  override forward(input: Tensor): Tensor {
    return F.dropout(input, this.p, this.training, this.inplace);
  }
}

/** nn.Dropout1d: zeroes whole channels of (N, C, L) or (C, L) inputs. */
export class Dropout1d extends _DropoutNd {
  static override readonly __name__: string = "Dropout1d";
  override forward(input: Tensor): Tensor {
    return F.dropout1d(input, this.p, this.training, this.inplace);
  }
}

/** nn.Dropout2d: zeroes whole channels of (N, C, H, W) inputs. */
export class Dropout2d extends _DropoutNd {
  static override readonly __name__: string = "Dropout2d";
  override forward(input: Tensor): Tensor {
    return F.dropout2d(input, this.p, this.training, this.inplace);
  }
}

/** nn.Dropout3d: zeroes whole channels of (N, C, D, H, W) or (C, D, H, W) inputs. */
export class Dropout3d extends _DropoutNd {
  static override readonly __name__: string = "Dropout3d";
  override forward(input: Tensor): Tensor {
    return F.dropout3d(input, this.p, this.training, this.inplace);
  }
}

/** nn.AlphaDropout: dropout that keeps the self-normalising property of SELU networks. */
export class AlphaDropout extends _DropoutNd {
  static override readonly __name__: string = "AlphaDropout";
  override forward(input: Tensor): Tensor {
    return F.alpha_dropout(input, this.p, this.training);
  }
}

/** nn.FeatureAlphaDropout: alpha dropout of whole channels. */
export class FeatureAlphaDropout extends _DropoutNd {
  static override readonly __name__: string = "FeatureAlphaDropout";
  override forward(input: Tensor): Tensor {
    return F.feature_alpha_dropout(input, this.p, this.training);
  }
}
