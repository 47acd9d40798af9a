/** A point's short name, for legends and `variant @ point` labels: each parameter by its last two fields ("boston.users=200"). */
export const shortPointLabel = (point: Record<string, unknown>): string =>
  Object.entries(point)
    .map(([k, v]) => `${k.split('.').slice(-2).join('.')}=${String(v)}`)
    .join(', ');
