/**
 * The W1 walkthrough as its users write it (nn.Module, MSELoss, SGD, TensorDataset + DataLoader
 * batches of 3 in order), shared by the W1 workload and bench/w1_phases.ts.
 */
import { torch } from "./torch.js";

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

class SimpleModel extends nn.Module {
  weight = new nn.Parameter(torch.zeros(1));
  bias = new nn.Parameter(torch.zeros(1));
  forward(xb: torch.Tensor) {
    return xb.mul(this.weight).add(this.bias);
  }
}

/** A fresh walkthrough: the loader, the model, the loss and the optimizer. */
export function walkthrough() {
  const x = torch.arange(0, 9).float();
  const y = x.mul(2).add(10);
  const loader = new DataLoader(new TensorDataset(x, y), { batch_size: 3 });
  const model = new SimpleModel();
  const criterion = new nn.MSELoss();
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
  return { loader, model, criterion, optimizer };
}
