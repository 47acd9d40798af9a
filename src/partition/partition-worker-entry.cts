/**
 * The entry of a partitioned replication's threads (see src/boot/worker-entry.cts for why a
 * CommonJS file): it loads the ES module, which runs the thread's partitions.
 */
void import('./partition-worker.js');
