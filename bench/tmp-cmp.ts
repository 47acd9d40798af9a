import { QuaternaryEventList } from '../src/core/quaternary-event-list.js';
import { RadixEventList } from '../src/core/radix-event-list.js';
import { RandomStream } from '../src/core/random.js';
const h = { onEvent() {} };
const inc = (() => { const r = new RandomStream('x'); return Float64Array.from({ length: 1 << 16 }, () => Math.round(r.exponential(1e6))); })();
for (const [name, make] of [['quat', () => new QuaternaryEventList()], ['radix', () => new RadixEventList()]] as const) {
  for (const pending of [100, 10000, 1000000]) {
    const l = make();
    for (let i = 0; i < pending; i++) l.push(inc[i & 65535]!, h, 0);
    const N = 2_000_000;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < N; i++) { l.pop(); l.push(l.lastTime + inc[i & 65535]!, h, 0); }
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      if (rep === 2) console.log(name, pending, (N / dt / 1e6).toFixed(2), 'M ops/s');
    }
  }
}
