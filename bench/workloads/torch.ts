/**
 * torch-ts as every workload imports it: the built package (`dist/`, as users run it; tsx's
 * on-the-fly transform of src/ runs slower), on the backend TORCH_TS_BACKEND names, with the
 * thread count the bench gives its peers (BENCH_THREADS).
 */
import * as torch from "../../dist/index.js";

if (process.env.BENCH_THREADS) torch.set_num_threads(Number(process.env.BENCH_THREADS));

export { torch };
