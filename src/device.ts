/**
 * torch.device: where a tensor lives. torch-ts computes on the CPU only, so "cpu" (or "cpu:0")
 * is the one usable device; the other device types PyTorch knows can be named, as in PyTorch
 * (`torch.device("cuda")` is legal there without a GPU), and fail where they would be used
 * (`x.to("cuda")`, a factory's `device` option, `module.to`). `torch.device("cpu")` and
 * `new torch.device("cpu")` both work, as for torch.Generator.
 */

const DEVICE_TYPES = ["cpu", "cuda", "mps", "xpu", "meta", "hpu", "mtia", "xla", "ipu", "privateuseone"];

/** What PyTorch accepts as a device: a string ("cpu", "cuda:0") or a torch.device. */
export type DeviceLike = string | DeviceClass;

class DeviceClass {
  /** PyTorch's name for this class, which bundlers cannot rename (src/names.ts). */
  static readonly __name__: string = "device";
  readonly type: string;
  readonly index: number | null;

  constructor(type: DeviceLike, index?: number | null) {
    if (type instanceof DeviceClass) {
      this.type = type.type;
      this.index = type.index;
      return;
    }
    const m = /^([a-z_]+)(?::(\d+))?$/.exec(type);
    if (!m || !DEVICE_TYPES.includes(m[1])) {
      throw new Error(
        `Expected one of ${DEVICE_TYPES.join(", ")} device type at start of device string: ${type}`,
      );
    }
    if (m[2] !== undefined && index !== undefined && index !== null) {
      throw new Error(`type (string) must not include an index because index was passed explicitly: ${type}`);
    }
    this.type = m[1];
    this.index = m[2] !== undefined ? Number(m[2]) : (index ?? null);
  }

  /** "cpu", "cuda:1": PyTorch's str(device). */
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.index === null
      ? `device(type='${this.type}')`
      : `device(type='${this.type}', index=${this.index})`;
  }
}

type Callable = (type: DeviceLike, index?: number | null) => DeviceClass;

/**
 * torch.device(type, index?), callable with or without `new`.
 *
 * @class
 */
export const device = new Proxy(DeviceClass, {
  apply: (target, _this, args: [DeviceLike, (number | null)?]) => new target(...args),
}) as typeof DeviceClass & Callable;
export type device = DeviceClass;

/** Checks that `d` names the CPU, the only device torch-ts computes on; `where` opens the error. */
export function check_cpu(d: DeviceLike, where: string): void {
  const dev = new DeviceClass(d);
  if (dev.type !== "cpu") {
    throw new Error(`${where}: device '${String(dev)}' is not available: torch-ts runs on the cpu`);
  }
}

/** Whether `v` is a device argument (a torch.device or a device string). */
export function is_device(v: unknown): v is DeviceLike {
  return v instanceof DeviceClass || typeof v === "string";
}
