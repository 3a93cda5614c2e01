/**
 * Node options for the processes that run the engine (the `corroborate` command, the language server).
 *
 * Node gives V8 four helper threads for compiling hot code and for garbage collection, whatever the machine. On a
 * machine with two cores, four helpers busy compiling (a cold analysis of Reuters-21578 keeps them busy for about four
 * seconds of CPU) take turns on the main thread's core as well and slow the analysis itself. One helper per core left
 * over by the main thread, at most Node's four, keeps the main thread's core to itself: measured on Reuters-21578 on two
 * cores, six alternating runs each, the median went from 6.75 s to 6.0 s (`npm run bench`, README).
 */
import * as os from 'node:os';

/** How many helper threads V8 should have on a machine with `cores` cores; undefined when Node's default suits it. */
export function v8PoolSize(cores = availableCores()): number | undefined {
  return cores <= 4 ? Math.max(1, cores - 1) : undefined;
}

/** The Node options the engine's processes should run with (empty when the defaults suit the machine). */
export function engineNodeOptions(cores = availableCores()): string[] {
  const size = v8PoolSize(cores);
  return size === undefined ? [] : [`--v8-pool-size=${size}`];
}

/** Whether these node arguments (a process's execArgv, or NODE_OPTIONS split) already set V8's pool size. */
export function setsPoolSize(args: readonly string[]): boolean {
  return args.some((a) => a.startsWith('--v8-pool-size'));
}

/** The cores this process may use. */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}
