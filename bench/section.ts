import { Stack, StackOptions } from './stack';

/** One measured number, with the size it was measured at: figures mean little without it. */
export interface Figure {
  /** Dotted name, e.g. `intake.apiToRawRatio.c8`; the same key at several sizes is several figures. */
  key: string;
  value: number;
  unit: string;
  /** Citizen requests stored (filed, in Temporal) when it was measured. */
  storedRequests: number;
  /** Anything a reader must know to read the number right: sampled, extrapolated, unfinished. */
  note?: string;
}

export interface BenchContext {
  /** This section's scale: 1 is the size the issue names; sizes are multiplied by it. */
  scale: number;
  /** Wall-clock minutes the section should stay within; a section past it stops and says so. */
  budgetMinutes: number;
  /** A fresh stack for this section (servers unless given by the environment, the worker, the API); stopped by the runner. */
  stack(options?: StackOptions): Promise<Stack>;
  /** Prints a progress line. */
  log(line: string): void;
  /** Records a figure as soon as it is measured, so an interrupted run keeps what it had. */
  record(figure: Figure): Promise<void>;
}

/** A part of the benchmark: `npm run bench -- --only <name>` runs it alone. */
export interface Section {
  name: string;
  /** One line for BENCHMARKS.md: what is measured, how. */
  describe: string;
  run(ctx: BenchContext): Promise<void>;
}

/** `target × scale`, never below `floor`: small scales still measure something. */
export function scaled(target: number, scale: number, floor = 1): number {
  return Math.max(floor, Math.round(target * scale));
}
