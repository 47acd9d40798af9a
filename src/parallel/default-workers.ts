import { availableParallelism } from 'node:os';

/** One worker thread per available core. */
export const defaultWorkers = (): number => availableParallelism();
