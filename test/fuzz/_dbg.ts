import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { run_program } from "./program.js";
const p = JSON.parse(readFileSync(process.argv[2], "utf8"));
writeFileSync("/tmp/fz/p.json", JSON.stringify([p]));
execFileSync("/usr/bin/python3", ["test/fuzz/torch_runner.py", "/tmp/fz/p.json", "/tmp/fz/o.json"]);
const theirs = JSON.parse(readFileSync("/tmp/fz/o.json", "utf8"))[0];
const ours = run_program(p);
const show = (o: any) => {
  o.steps.forEach((s: any, i: number) =>
    console.log(
      i,
      JSON.stringify(p.steps[i].op ?? "input"),
      JSON.stringify(s.shape),
      s.dtype,
      s.requires_grad,
      s.grad_fn,
      JSON.stringify(s.data.slice(0, 6)),
    ),
  );
  console.log("error", o.error, "bwd", o.backward_error);
  console.log("grads", JSON.stringify(o.grads?.map((g: any) => g && g.data.slice(0, 6))));
};
console.log("--- ours");
show(ours);
console.log("--- torch");
show(theirs);
