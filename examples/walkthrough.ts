/**
 * The walkthrough of how PyTorch learns with stochastic gradient descent, ported line by line
 * to torch-ts (`npm start`). A model `ypred = w * x + b` (weight and bias Parameters of shape
 * [1], both zero) is fitted to y = 2x + 10 on x = 0..8 with nn.MSELoss and optim.SGD (lr 0.01),
 * in batches of 3 from a DataLoader without shuffling.
 *
 * For each batch of the first epoch it prints the gradients before the update (null until the
 * first backward, and again after zero_grad, as PyTorch 2 prints None), the loss, the gradients
 * and the updated parameters; it draws the forward graph and the backward graph that the
 * forward pass recorded; then it trains on to 300 epochs to show w and b converging to 2 and 10.
 * It starts with the original listing's trap: 8 targets for 9 inputs, which TensorDataset
 * refuses before any training.
 *
 * In your own project, import the package instead: `import * as torch from "torch-ts";`
 */
import * as torch from "../src/index.js";

const { nn, optim } = torch;
const { TensorDataset, DataLoader } = torch.utils.data;

class SimpleModel extends nn.Module {
  weight = new nn.Parameter(torch.zeros(1));
  bias = new nn.Parameter(torch.zeros(1));
  override forward(xb: torch.Tensor): torch.Tensor {
    return xb.mul(this.weight).add(this.bias);
  }
}

const fmt = (t: torch.Tensor | null, digits = 4): string =>
  t === null ? "null" : (t.item() as number).toFixed(digits);
const list = (t: torch.Tensor): string => `[${(t.tolist() as number[]).join(", ")}]`;

// ---------------------------------------------------------------- the data
const x = torch.tensor([0, 1, 2, 3, 4, 5, 6, 7, 8]);
const y = torch.tensor([10, 12, 14, 16, 18, 20, 22, 24, 26]);
console.log(`data: x = ${list(x)}`);
console.log(`      y = ${list(y)}  (y = 2x + 10)`);

// The original listing has 8 targets for these 9 inputs: refused before any training starts.
const y_listing = torch.tensor([10, 12, 14, 16, 18, 20, 22, 24]);
try {
  new TensorDataset(x, y_listing);
} catch (e) {
  console.log(`the listing's 8 targets for 9 inputs: ${(e as Error).message}`);
}

// ---------------------------------------------------------------- model, loss, optimizer, loader
const model = new SimpleModel();
const criterion = new nn.MSELoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
const loader = new DataLoader(new TensorDataset(x, y), { batch_size: 3, shuffle: false });
console.log(`\nmodel: ${String(model)} with weight = ${fmt(model.weight)}, bias = ${fmt(model.bias)}`);
console.log(`${loader.len()} batches of 3 per epoch, lr = 0.01\n`);

// ---------------------------------------------------------------- graph drawing
type GraphNode = NonNullable<torch.Tensor["grad_fn"]>;

/** A leaf's name: the parameter an AccumulateGrad node accumulates into. */
function leaf_name(node: GraphNode): string {
  const variable = (node as { variable?: torch.Tensor }).variable;
  for (const [name, p] of model.named_parameters()) if (p === variable) return name;
  return "leaf";
}

/** "MseLossBackward0" -> "mse_loss", "MulBackward0" -> "mul": the forward op of a node. */
function op_name(node: GraphNode): string {
  const base = node.name().replace(/Backward\d*$/, "");
  return base.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase();
}

/**
 * The forward graph, variables as nodes and operations as edges, recovered from the recorded
 * graph: each operation with the values it read (parameters by name, tensors that need no
 * gradient as "(data)", results by the names given in `known`, else t1, t2, ...) and the value
 * it made.
 */
function draw_forward(root: GraphNode, known: Map<GraphNode, string>): string[] {
  const order: GraphNode[] = [];
  const seen = new Set<GraphNode>();
  const visit = (n: GraphNode) => {
    if (seen.has(n)) return;
    seen.add(n);
    for (const [next] of n.next_functions) if (next && next.name() !== "AccumulateGrad") visit(next);
    order.push(n); // after its inputs: forward order
  };
  visit(root);
  const names = new Map<GraphNode, string>();
  order.forEach((n, i) => names.set(n, known.get(n) ?? `t${i + 1}`));
  const rows = order.map((n) => {
    const inputs = n.next_functions.map(([next]) =>
      next === null ? "(data)" : next.name() === "AccumulateGrad" ? leaf_name(next) : names.get(next)!,
    );
    return { inputs: inputs.join(", "), op: op_name(n), out: names.get(n)! };
  });
  const w_in = Math.max(...rows.map((r) => r.inputs.length));
  const w_op = Math.max(...rows.map((r) => r.op.length));
  return rows.map(
    (r) => `  ${r.inputs.padEnd(w_in)}  --${r.op}-->${" ".repeat(w_op - r.op.length)}  ${r.out}`,
  );
}

/** The backward graph: loss.grad_fn and its next_functions, down to the AccumulateGrad leaves. */
function draw_backward(node: GraphNode | null, prefix = "", last = true, top = true): string[] {
  const label =
    node === null
      ? "null"
      : node.name() === "AccumulateGrad"
        ? `AccumulateGrad (${leaf_name(node)})`
        : node.name();
  const lines = [top ? `  ${label}` : `  ${prefix}${last ? "└── " : "├── "}${label}`];
  if (node === null) return lines;
  const child_prefix = top ? "" : prefix + (last ? "    " : "│   ");
  node.next_functions.forEach(([next], i) => {
    lines.push(...draw_backward(next, child_prefix, i === node.next_functions.length - 1, false));
  });
  return lines;
}

// ---------------------------------------------------------------- one epoch, batch by batch
const table: string[] = [];
let batch = 0;
for (const [xb, yb] of loader) {
  batch += 1;
  console.log(`batch ${batch}: xb = ${list(xb)}, yb = ${list(yb)}`);
  console.log(
    `  gradients before the update: dl/dw = ${fmt(model.weight.grad)}, dl/db = ${fmt(model.bias.grad)}`,
  );
  optimizer.zero_grad();
  console.log(
    `  after optimizer.zero_grad(): dl/dw = ${fmt(model.weight.grad)}, dl/db = ${fmt(model.bias.grad)}`,
  );
  const output = model(xb);
  const loss = criterion(output, yb);
  console.log(`  loss = ${String(loss)}`);
  if (batch === 1) {
    console.log("\n  forward graph (variables are nodes, operations are edges):");
    const known = new Map([
      [output.grad_fn!, "ypred"],
      [loss.grad_fn!, "loss"],
    ]);
    for (const line of draw_forward(loss.grad_fn!, known)) console.log(`  ${line}`);
    console.log("    (data): a tensor that needs no gradient, here xb and yb");
    console.log("\n  backward graph (loss.grad_fn, then next_functions):");
    for (const line of draw_backward(loss.grad_fn)) console.log(`  ${line}`);
    console.log();
  }
  loss.backward();
  console.log(`  gradients: dl/dw = ${fmt(model.weight.grad)}, dl/db = ${fmt(model.bias.grad)}`);
  optimizer.step();
  console.log(`  updated: w = ${fmt(model.weight)}, b = ${fmt(model.bias)}`);
  table.push(
    `| ${batch} | ${fmt(model.weight.grad)} | ${fmt(model.bias.grad)} | ${fmt(model.weight)} | ${fmt(model.bias)} | ${fmt(loss)} |`,
  );
}

console.log("\nthe first epoch:");
console.log("| batch | dl/dw | dl/db | w after | b after | loss |");
console.log("|---|---|---|---|---|---|");
for (const row of table) console.log(row);

// ---------------------------------------------------------------- train on
console.log("\ntraining on:");
const epochs = 300;
for (let epoch = 2; epoch <= epochs; epoch++) {
  let last_loss: torch.Tensor | null = null;
  for (const [xb, yb] of loader) {
    optimizer.zero_grad();
    const loss = criterion(model(xb), yb);
    loss.backward();
    optimizer.step();
    last_loss = loss;
  }
  if (epoch % 50 === 0) {
    console.log(
      `  epoch ${epoch}: w = ${fmt(model.weight)}, b = ${fmt(model.bias)}, loss = ${fmt(last_loss, 6)}`,
    );
  }
}
console.log(
  `after ${epochs} epochs: w = ${fmt(model.weight, 5)}, b = ${fmt(model.bias, 5)} (converging to 2 and 10)`,
);
