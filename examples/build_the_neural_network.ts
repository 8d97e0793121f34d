/**
 * PyTorch's "Build the Neural Network" tutorial, ported line by line: a FashionMNIST-sized
 * classifier (Flatten, then Linear-ReLU-Linear-ReLU-Linear) defined as an nn.Module subclass,
 * its layers taken apart on a minibatch of random images, and its parameters listed. The
 * PyTorch original, seeded the same way, is examples/pytorch/build_the_neural_network.py;
 * test/examples.test.ts checks that both print the same.
 *
 * Run it with `npx tsx examples/build_the_neural_network.ts`. In your own project, import the
 * package instead: `import * as torch from "torch-ts";`
 */
// Python's f"{t}" prints a tensor's (or Size's, or module's) repr; a template literal calls
// toString, which gives the same text, so the port keeps the tutorial's f-strings as they are.
/* eslint-disable @typescript-eslint/restrict-template-expressions */
import * as torch from "../src/index.js";

const { nn } = torch;

torch.manual_seed(0);
const device = "cpu";
console.log(`Using ${device} device`);

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

const model = new NeuralNetwork().to(device);
console.log(String(model));

const X = torch.rand(1, 28, 28, { device });
let logits = model(X);
let pred_probab = new nn.Softmax({ dim: 1 })(logits);
const y_pred = pred_probab.argmax(1);
console.log(`Predicted class: ${y_pred}`);

let input_image = torch.rand(3, 28, 28);
console.log(`${input_image.size()}`);

const flatten = new nn.Flatten();
const flat_image = flatten(input_image);
console.log(`${flat_image.size()}`);

const layer1 = new nn.Linear({ in_features: 28 * 28, out_features: 20 });
let hidden1 = layer1(flat_image);
console.log(`${hidden1.size()}`);

console.log(`Before ReLU: ${hidden1}\n\n`);
hidden1 = new nn.ReLU()(hidden1);
console.log(`After ReLU: ${hidden1}`);

const seq_modules = new nn.Sequential(flatten, layer1, new nn.ReLU(), new nn.Linear(20, 10));
input_image = torch.rand(3, 28, 28);
logits = seq_modules(input_image);

const softmax = new nn.Softmax({ dim: 1 });
pred_probab = softmax(logits);
console.log(`Probabilities: ${pred_probab}`);

console.log(`Model structure: ${model}\n\n`);

for (const [name, param] of model.named_parameters()) {
  console.log(`Layer: ${name} | Size: ${param.size()} | Values : ${param.index(":2")} \n`);
}
