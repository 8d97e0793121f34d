/**
 * torch.utils: `data`, the datasets, samplers and DataLoader.
 *
 * @module
 */
export * as data from "./data/index.js";
