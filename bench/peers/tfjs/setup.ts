/**
 * TF.js peers: the backend named by TFJS_BACKEND ("cpu" or "wasm"; the .wasm binaries ship in
 * the @tensorflow/tfjs-backend-wasm package, nothing is downloaded), ready before a workload runs.
 */
// the package TF.js users install (core, gradients, the cpu backend), and its wasm backend
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";

const name = process.env.TFJS_BACKEND ?? "cpu";
if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} failed to initialise`);
await tf.ready();

export { tf };
export { median_us, report } from "../../timing.js";
