import { NS_PER_S } from '../core/time.js';
import type { Network } from '../net/network.js';
import type { AppFlowSpec } from '../scenario/scenario.js';
import { AppStats } from '../stats/app-stats.js';
import { MediaQuality } from '../probes/media-quality.js';
import { CallArrivals } from '../traffic/calls.js';
import type { DistributionSpec } from '../core/distribution.js';
import { TransactionArrivals } from '../traffic/transactions.js';
import { createTcpHalf } from '../transport/tcp/tcp-connection.js';
import type { CheckedRoute } from './routes.js';
import { sampler } from './samplers.js';
import type { Startable } from './startable.js';
import { configFor } from './tcp-flows.js';
import { SinkKind, sinkKey } from '../net/packet-sinks.js';

/** Each call or connection of an application takes its own equal-cost path: hashes base + k. */
const HASHES_PER_APP = 4096;
/** The small message that acknowledges an upload or asks for a download. */
const NOWHERE = { receive: () => undefined };
const CONTROL_MESSAGE: DistributionSpec = { kind: 'fixed', mean: 512 };

/**
 * An application of a site's users: calls (UDP media both ways) or transactions (TCP requests and
 * responses over a pool of connections). Its statistics go to `AppStats`; its two directions are
 * also flows (`<site>:<app>` towards the service, `<site>:<app>.down` back).
 */
export function buildAppFlow(network: Network, spec: AppFlowSpec, index: number, forward: CheckedRoute, reverse: CheckedRoute): { app: AppStats; start: Startable } {
  const sim = network.sim;
  const info = { dscp: spec.dscp, pair: spec.pair, protocol: spec.model.kind === 'call' ? ('udp' as const) : ('tcp' as const) };
  const up = network.addFlow(spec.name, { ...info, from: spec.from, to: spec.to });
  const down = network.addFlow(`${spec.name}.down`, { ...info, from: spec.to, to: spec.from });
  const app = new AppStats(spec, up, down, sim.warmup);
  const model = spec.model;
  const stream = (what: string) => sim.random.stream(`app:${spec.name}:${what}`);
  const hashBase = index * HASHES_PER_APP;
  up.route = forward.routeTo(NOWHERE);
  down.route = reverse.routeTo(NOWHERE);

  if (model.kind === 'call') {
    const quality = { up: new MediaQuality(sim.warmup, spec.stop), down: new MediaQuality(sim.warmup, spec.stop) };
    app.quality = quality;
    up.watcher = quality.up;
    down.watcher = quality.down;
    const calls = new CallArrivals(
      sim,
      network,
      {
        meanGap: model.callsPerHour > 0 ? (3600 * NS_PER_S) / (spec.users * model.callsPerHour) : Infinity,
        durations: sampler(sim, model.duration, stream('durations')),
        packetInterval: model.packetInterval,
        packetBytes: model.packetBytes,
        hashBase,
        stop: spec.stop,
        sinkKey: sinkKey(SinkKind.call, index),
        site: spec.from,
        service: spec.to,
      },
      stream('arrivals'),
      { flow: up, quality: quality.up },
      { flow: down, quality: quality.down },
      forward.routeTo,
      reverse.routeTo,
      app,
    );
    return { app, start: calls };
  }

  const perHour = model.kind === 'web' ? model.requestsPerMinute * 60 : model.transfersPerHour;
  const requests = model.kind === 'web' ? model.request : model.direction === 'up' ? model.size : CONTROL_MESSAGE;
  const responses = model.kind === 'web' ? model.response : model.direction === 'up' ? CONTROL_MESSAGE : model.size;
  const transactions = new TransactionArrivals(
    sim,
    {
      meanGap: (3600 * NS_PER_S) / (spec.users * perHour),
      requests: sampler(sim, requests, stream('requests')),
      responses: sampler(sim, responses, stream('responses')),
      maxConnections: model.maxConnections,
      stop: spec.stop,
    },
    stream('arrivals'),
    (k) => ({
      client: createTcpHalf(network, up, (sink) => forward.routeTo(sink, hashBase + k), (sink) => reverse.routeTo(sink, hashBase + k), configFor(spec, forward), sinkKey(SinkKind.tcp, index, 4 * k)),
      server: createTcpHalf(network, down, (sink) => reverse.routeTo(sink, hashBase + k), (sink) => forward.routeTo(sink, hashBase + k), configFor(spec, reverse), sinkKey(SinkKind.tcp, index, 4 * k + 2), false),
    }),
    app,
  );
  // in a partitioned run the service's copy opens a connection when its first request arrives
  network.sinks.maker(SinkKind.tcp, index, (part) => transactions.connection(Math.floor(part / 4)));
  return { app, start: transactions };
}
