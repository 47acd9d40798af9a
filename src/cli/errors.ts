/** A problem with how ersim was called (a bad option value): reported without a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
