/**
 * torch.Generator as users write it: `new torch.Generator()` (API.md's rule for classes) and
 * also `torch.Generator()`, the PyTorch spelling API.md itself uses for generators. Both give
 * the same class's instances, and `instanceof torch.Generator` holds for either.
 */
import { Generator as GeneratorClass } from "./generator.js";

type Callable = (...args: ConstructorParameters<typeof GeneratorClass>) => GeneratorClass;

/**
 * A random number generator with PyTorch's CPU algorithm (Mersenne Twister), so the same seed gives
 * PyTorch's numbers: `torch.Generator().manual_seed(0)`, with or without `new`. Pass it as `{ generator }`
 * to sampling functions.
 *
 * @class
 */
export const Generator = new Proxy(GeneratorClass, {
  apply: (target, _this, args: ConstructorParameters<typeof GeneratorClass>) => new target(...args),
}) as typeof GeneratorClass & Callable;
export type Generator = GeneratorClass;
