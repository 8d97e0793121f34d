/** The torch.utils namespace. */
export * as data from "./data/index.js";
