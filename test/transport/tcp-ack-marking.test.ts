import { describe, expect, it } from 'vitest';
import { Simulator } from '../../src/core/simulator.js';
import { Network } from '../../src/net/network.js';
import type { PacketId, PacketSink } from '../../src/net/packet.js';
import type { FlowRoute } from '../../src/net/routing/flow-route.js';
import { TcpReceiver } from '../../src/transport/tcp/tcp-receiver.js';

describe("a TCP receiver's ACK", () => {
  it('carries the marking of the route it leaves on, taken after a change of the tables', () => {
    const sim = new Simulator({ seed: 1, warmup: 1e9 }); // nothing counted: the flow has no TCP statistics here
    const network = new Network(sim);
    network.addNode('a');
    network.addNode('b');
    const flow = network.addFlow('f', { from: 'a', to: 'b', dscp: 46, protocol: 'tcp' });
    const acks: { dscp: number; ack: number; size: number }[] = [];
    const sender: PacketSink = {
      receive: (p: PacketId) => {
        acks.push({ dscp: network.pool.dscp(p), ack: network.pool.ack(p), size: network.pool.size(p) });
        network.pool.release(p);
      },
    };
    const route = [sender];
    // a route whose tables changed since the last ACK: taking it re-marks the flow (EF on the old
    // path, reset to 0 on the new one, as a circuit's private peering does)
    const path = { dscp: 46, tag: 0, current: () => ((path.dscp = 0), route) };
    const receiver = new TcpReceiver(network, flow, 52, false, 0, false);
    receiver.path = path as unknown as FlowRoute;
    const pool = network.pool;
    receiver.receive(pool.stamp(pool.take(), flow.index, 0, 1500, 46, 0, 1460));
    expect(acks).toEqual([{ dscp: 0, ack: 1460, size: 52 }]);
  });
});
