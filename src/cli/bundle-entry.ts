// What the command line's bundle (scripts/bundle-cli.mjs) exports: the command line, and the work of
// a worker thread, so that the threads of a pool load ersim from the bundle and its code cache too.
export { main } from './main.js';
export { default as runWorkerTask } from '../parallel/worker.js';
