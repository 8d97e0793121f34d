/**
 * PyTorch's "Optimizing Model Parameters" tutorial, ported line by line: the Quickstart
 * network trained with nn.CrossEntropyLoss and optim.SGD by the tutorial's train and test loops.
 * The PyTorch original, seeded the same way, is examples/pytorch/optimizing_model_parameters.py;
 * test/examples.test.ts checks that both print the same numbers.
 *
 * The tutorial trains on FashionMNIST; to run anywhere without a download, both programs make a
 * synthetic dataset of the same shape instead: random images with a brighter band of rows whose
 * position is the label, so that there is something to learn. Everything else is the tutorial's
 * code, but the datasets are smaller, so the learning rate is 1e-1 instead of 1e-3 and the loss
 * is printed every 10 batches instead of 100.
 *
 * Run it with `npx tsx examples/optimizing_model_parameters.ts`. In your own project, import
 * the package instead: `import * as torch from "torch-ts";`
 */
import * as torch from "../src/index.js";

const { nn } = torch;
const { DataLoader, TensorDataset } = torch.utils.data;

torch.manual_seed(0);

/**
 * n 1x28x28 images in [0, 1) and labels 0..9: image i is noise in [0, 0.5) plus 0.1 on the rows r
 * with floor(r / 3) == label[i].
 */
function synthetic_fashion(n: number) {
  const images = torch.rand(n, 1, 28, 28).mul(0.5);
  const labels = torch.randint(0, 10, [n]);
  const rows = torch.div(torch.arange(28), 3, { rounding_mode: "floor" });
  const band = rows.view(1, 28).eq(labels.view(n, 1)).float();
  return new TensorDataset(images.add(band.view(n, 1, 28, 1).mul(0.1)), labels);
}

const training_data = synthetic_fashion(1920);
const test_data = synthetic_fashion(384);

const train_dataloader = new DataLoader(training_data, { batch_size: 64 });
const test_dataloader = new DataLoader(test_data, { batch_size: 64 });
type Loader = typeof train_dataloader;

class NeuralNetwork extends nn.Module {
  flatten = new nn.Flatten();
  linear_relu_stack = new nn.Sequential(
    new nn.Linear(28 * 28, 512),
    new nn.ReLU(),
    new nn.Linear(512, 512),
    new nn.ReLU(),
    new nn.Linear(512, 10),
  );
  override forward(x: torch.Tensor): torch.Tensor {
    x = this.flatten(x);
    const logits = this.linear_relu_stack(x);
    return logits;
  }
}

const model = new NeuralNetwork();

const learning_rate = 1e-1;
const batch_size = 64;
const epochs = 4;

const loss_fn = new nn.CrossEntropyLoss();
const optimizer = new torch.optim.SGD(model.parameters(), { lr: learning_rate });

// Python's f"{x:>7f}": six decimals, right-aligned in a field of 7 (an f-string's default pad)
const f = (v: number, width: number, digits = 6) => v.toFixed(digits).padStart(width);

function train_loop(
  dataloader: Loader,
  model: NeuralNetwork,
  loss_fn: torch.nn.CrossEntropyLoss,
  optimizer: torch.optim.SGD,
) {
  const size = dataloader.dataset.len();
  model.train();
  let batch = 0;
  for (const [X, y] of dataloader) {
    // Compute prediction and loss
    const pred = model(X);
    const loss = loss_fn(pred, y);

    // Backpropagation
    loss.backward();
    optimizer.step();
    optimizer.zero_grad();

    if (batch % 10 === 0) {
      const current = batch * batch_size + X.size(0);
      console.log(
        `loss: ${f(loss.item() as number, 7)}  [${String(current).padStart(5)}/${String(size).padStart(5)}]`,
      );
    }
    batch += 1;
  }
}

function test_loop(dataloader: Loader, model: NeuralNetwork, loss_fn: torch.nn.CrossEntropyLoss) {
  model.eval();
  const size = dataloader.dataset.len();
  const num_batches = dataloader.len();
  let test_loss = 0;
  let correct = 0;
  torch.no_grad(() => {
    for (const [X, y] of dataloader) {
      const pred = model(X);
      test_loss += loss_fn(pred, y).item() as number;
      correct += pred.argmax(1).eq(y).type(torch.float).sum().item() as number;
    }
  });
  test_loss /= num_batches;
  correct /= size;
  console.log(`Test Error: \n Accuracy: ${(100 * correct).toFixed(1)}%, Avg loss: ${f(test_loss, 8)} \n`);
}

for (let t = 0; t < epochs; t++) {
  console.log(`Epoch ${t + 1}\n-------------------------------`);
  train_loop(train_dataloader, model, loss_fn, optimizer);
  test_loop(test_dataloader, model, loss_fn);
}
console.log("Done!");
