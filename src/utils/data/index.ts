/**
 * torch.utils.data: `Dataset`, `TensorDataset`, samplers, `random_split` and `DataLoader`.
 *
 * @module
 */
export { Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset, random_split } from "./dataset.js";
export {
  Sampler,
  SequentialSampler,
  RandomSampler,
  SubsetRandomSampler,
  WeightedRandomSampler,
  BatchSampler,
} from "./sampler.js";
export type { RandomSamplerOptions, Sized } from "./sampler.js";
export { default_collate, default_convert } from "./collate.js";
export type { Collated } from "./collate.js";
export { DataLoader } from "./dataloader.js";
export type { DataLoaderOptions, MapDataset } from "./dataloader.js";
