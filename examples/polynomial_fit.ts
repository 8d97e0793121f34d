/**
 * PyTorch's "Learning PyTorch with Examples" tutorial, ported line by line: y = sin(x) on
 * [-pi, pi] fitted by a third-order polynomial, six ways -- tensors with a hand-written backward,
 * autograd, a custom autograd Function, nn, optim, and a custom nn.Module. The PyTorch original,
 * seeded the same way, is examples/pytorch/polynomial_fit.py; test/examples.test.ts checks that
 * both print the same numbers. (The tutorial's last part, a network whose depth Python's
 * `random` picks, is left out: it has no seeded counterpart to compare with.)
 *
 * Run it with `npx tsx examples/polynomial_fit.ts`. In your own project, import the package
 * instead: `import * as torch from "torch-ts";`
 */
import * as torch from "../src/index.js";

const { nn, optim } = torch;
const f4 = (t: torch.Tensor): string => (t.item() as number).toFixed(4);

function tensors(): void {
  console.log("== tensors: a hand-written backward");
  const dtype = torch.float;
  const x = torch.linspace(-Math.PI, Math.PI, 2000, { dtype });
  const y = torch.sin(x);
  // Randomly initialize weights
  const a = torch.randn([], { dtype });
  const b = torch.randn([], { dtype });
  const c = torch.randn([], { dtype });
  const d = torch.randn([], { dtype });
  const learning_rate = 1e-6;
  for (let t = 0; t < 2000; t++) {
    // Forward pass: compute predicted y
    const y_pred = a
      .add(b.mul(x))
      .add(c.mul(x.pow(2)))
      .add(d.mul(x.pow(3)));
    // Compute and print loss
    const loss = y_pred.sub(y).pow(2).sum().item() as number;
    if (t % 100 === 99) console.log(t, loss.toFixed(4));
    // Backprop to compute gradients of a, b, c, d with respect to loss
    const grad_y_pred = y_pred.sub(y).mul(2.0);
    const grad_a = grad_y_pred.sum();
    const grad_b = grad_y_pred.mul(x).sum();
    const grad_c = grad_y_pred.mul(x.pow(2)).sum();
    const grad_d = grad_y_pred.mul(x.pow(3)).sum();
    // Update weights using gradient descent (Python's `a -= lr * grad_a` is in place)
    a.sub_(grad_a.mul(learning_rate));
    b.sub_(grad_b.mul(learning_rate));
    c.sub_(grad_c.mul(learning_rate));
    d.sub_(grad_d.mul(learning_rate));
  }
  console.log(`Result: y = ${f4(a)} + ${f4(b)} x + ${f4(c)} x^2 + ${f4(d)} x^3`);
}

function autograd(): void {
  console.log("== autograd");
  const dtype = torch.float;
  const x = torch.linspace(-Math.PI, Math.PI, 2000, { dtype });
  const y = torch.sin(x);
  // requires_grad: true asks autograd to compute gradients with respect to these tensors
  const a = torch.randn([], { dtype, requires_grad: true });
  const b = torch.randn([], { dtype, requires_grad: true });
  const c = torch.randn([], { dtype, requires_grad: true });
  const d = torch.randn([], { dtype, requires_grad: true });
  const learning_rate = 1e-6;
  for (let t = 0; t < 2000; t++) {
    const y_pred = a
      .add(b.mul(x))
      .add(c.mul(x.pow(2)))
      .add(d.mul(x.pow(3)));
    const loss = y_pred.sub(y).pow(2).sum();
    if (t % 100 === 99) console.log(t, f4(loss));
    // a.grad, b.grad, c.grad and d.grad now hold the gradients of the loss
    loss.backward();
    // `with torch.no_grad():` becomes a callback: the updates are not recorded
    torch.no_grad(() => {
      for (const p of [a, b, c, d]) {
        p.sub_(p.grad!.mul(learning_rate));
        p.grad = null;
      }
    });
  }
  console.log(`Result: y = ${f4(a)} + ${f4(b)} x + ${f4(c)} x^2 + ${f4(d)} x^3`);
}

/** P3(x) = (5x^3 - 3x) / 2, the Legendre polynomial of degree three, with its own backward. */
class LegendrePolynomial3 extends torch.autograd.Function {
  static forward(ctx: torch.autograd.FunctionCtx, input: torch.Tensor): torch.Tensor {
    ctx.save_for_backward(input);
    return input.pow(3).mul(5).sub(input.mul(3)).mul(0.5);
  }
  static backward(ctx: torch.autograd.FunctionCtx, grad_output: torch.Tensor): torch.Tensor {
    const [input] = ctx.saved_tensors;
    // d/dx P3(x) = 1.5 * (5x^2 - 1)
    return grad_output.mul(1.5).mul(input.pow(2).mul(5).sub(1));
  }
}

function custom_function(): void {
  console.log("== a custom autograd Function");
  const dtype = torch.float;
  const x = torch.linspace(-Math.PI, Math.PI, 2000, { dtype });
  const y = torch.sin(x);
  // Weights near the right result, so that the fit converges
  const a = torch.full([], 0.0, { dtype, requires_grad: true });
  const b = torch.full([], -1.0, { dtype, requires_grad: true });
  const c = torch.full([], 0.0, { dtype, requires_grad: true });
  const d = torch.full([], 0.3, { dtype, requires_grad: true });
  const learning_rate = 5e-6;
  for (let t = 0; t < 2000; t++) {
    // PyTorch writes `P3 = LegendrePolynomial3.apply`; that works here too (apply is bound to its
    // class), but TypeScript types the call only through the class, hence the arrow
    const P3 = (input: torch.Tensor) => LegendrePolynomial3.apply(input);
    const y_pred = a.add(b.mul(P3(c.add(d.mul(x)))));
    const loss = y_pred.sub(y).pow(2).sum();
    if (t % 100 === 99) console.log(t, f4(loss));
    loss.backward();
    torch.no_grad(() => {
      for (const p of [a, b, c, d]) {
        p.sub_(p.grad!.mul(learning_rate));
        p.grad = null;
      }
    });
  }
  console.log(`Result: y = ${f4(a)} + ${f4(b)} * P3(${f4(c)} + ${f4(d)} x)`);
}

/** The fitted polynomial of a Linear(3, 1) layer over the features (x, x^2, x^3). */
function linear_result(layer: torch.nn.Linear): string {
  const w = (i: number) => f4(layer.weight.index(":", i));
  return `Result: y = ${f4(layer.bias!)} + ${w(0)} x + ${w(1)} x^2 + ${w(2)} x^3`;
}

function nn_module(): void {
  console.log("== nn");
  const x = torch.linspace(-Math.PI, Math.PI, 2000);
  const y = torch.sin(x);
  // The features (x, x^2, x^3): x.unsqueeze(-1) has shape [2000, 1], p broadcasts to [2000, 3]
  const p = torch.tensor([1, 2, 3], { dtype: torch.int64 });
  const xx = x.unsqueeze(-1).pow(p);
  // Flatten(0, 1) turns the [2000, 1] output into the [2000] shape of y
  const model = new nn.Sequential(new nn.Linear(3, 1), new nn.Flatten(0, 1));
  const loss_fn = new nn.MSELoss({ reduction: "sum" });
  const learning_rate = 1e-6;
  for (let t = 0; t < 2000; t++) {
    const y_pred = model(xx);
    const loss = loss_fn(y_pred, y);
    if (t % 100 === 99) console.log(t, f4(loss));
    model.zero_grad();
    loss.backward();
    torch.no_grad(() => {
      for (const param of model.parameters()) param.sub_(param.grad!.mul(learning_rate));
    });
  }
  console.log(linear_result(model.get(0)));
}

function optimizer_loop(): void {
  console.log("== optim");
  const x = torch.linspace(-Math.PI, Math.PI, 2000);
  const y = torch.sin(x);
  const p = torch.tensor([1, 2, 3], { dtype: torch.int64 });
  const xx = x.unsqueeze(-1).pow(p);
  const model = new nn.Sequential(new nn.Linear(3, 1), new nn.Flatten(0, 1));
  const loss_fn = new nn.MSELoss({ reduction: "sum" });
  const learning_rate = 1e-3;
  const optimizer = new optim.RMSprop(model.parameters(), { lr: learning_rate });
  for (let t = 0; t < 2000; t++) {
    const y_pred = model(xx);
    const loss = loss_fn(y_pred, y);
    if (t % 100 === 99) console.log(t, f4(loss));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  console.log(linear_result(model.get(0)));
}

/** y = a + b x + c x^2 + d x^3 as a module with four scalar Parameters. */
class Polynomial3 extends nn.Module {
  a = new nn.Parameter(torch.randn([]));
  b = new nn.Parameter(torch.randn([]));
  c = new nn.Parameter(torch.randn([]));
  d = new nn.Parameter(torch.randn([]));
  override forward(x: torch.Tensor): torch.Tensor {
    return this.a
      .add(this.b.mul(x))
      .add(this.c.mul(x.pow(2)))
      .add(this.d.mul(x.pow(3)));
  }
  string(): string {
    return `y = ${f4(this.a)} + ${f4(this.b)} x + ${f4(this.c)} x^2 + ${f4(this.d)} x^3`;
  }
}

function custom_module(): void {
  console.log("== a custom nn.Module");
  const x = torch.linspace(-Math.PI, Math.PI, 2000);
  const y = torch.sin(x);
  const model = new Polynomial3();
  const criterion = new nn.MSELoss({ reduction: "sum" });
  const optimizer = new optim.SGD(model.parameters(), { lr: 1e-6 });
  for (let t = 0; t < 2000; t++) {
    const y_pred = model(x);
    const loss = criterion(y_pred, y);
    if (t % 100 === 99) console.log(t, f4(loss));
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
  }
  console.log(`Result: ${model.string()}`);
}

torch.manual_seed(0);
tensors();
autograd();
custom_function();
nn_module();
optimizer_loop();
custom_module();
