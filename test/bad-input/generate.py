#!/usr/bin/env python3
"""Writes the bad-input corpus: scenarios that each break one rule. Run once; the files are committed."""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus')
GOOD = """name: ok
duration: 1s
nodes: [a, b]
links:
  - { from: a, to: b, bandwidth: 10Mbps, delay: 1ms }
flows:
  - { name: f, from: a, to: b, source: { kind: cbr, rate: 1Mbps } }
"""
PLANNER = """name: office
duration: 2s
regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }
peering_locations: { dc: { continent: north-america, location: [38.9, -77.0] } }
services: { m365: { region: eastus, prefix: 52.96.0.0/14 } }
sites: { hq: { location: [42.4, -71.1], users: 100, internet: { bandwidth: 1Gbps } } }
circuits: { er: { site: hq, peering_location: dc, bandwidth: 1Gbps, sku: premium } }
apps:
  voice: { kind: call, service: m365, calls_per_hour: 2 }
"""

cases = {}
def g(name, old, new, base=GOOD):
    assert old in base, (name, old)
    cases[name] = base.replace(old, new, 1)
def p(name, old, new):
    g(name, old, new, PLANNER)

# syntax
cases['syntax-unclosed-list'] = GOOD.replace('nodes: [a, b]', 'nodes: [a, b')
cases['syntax-bad-indent'] = GOOD.replace('  - { from: a', ' - { from: a').replace('links:\n', 'links:\n    x: 1\n')
cases['syntax-tab'] = GOOD.replace('  - { name: f', '\t- { name: f')
cases['syntax-duplicate-key'] = GOOD.replace('duration: 1s', 'duration: 1s\nduration: 2s')
cases['syntax-unclosed-quote'] = GOOD.replace('name: ok', 'name: "ok')
cases['syntax-top-level-list'] = '- a\n- b\n'
cases['syntax-top-level-scalar'] = 'just text\n'
cases['syntax-empty'] = ''
cases['syntax-only-comment'] = '# nothing here\n'
cases['syntax-two-documents'] = GOOD + '---\n' + GOOD
cases['syntax-bad-flow-mapping'] = GOOD.replace('{ from: a, to: b, bandwidth', '{ from: a to: b, bandwidth')
# aliases
cases['alias-billion-laughs'] = GOOD + 'x: &a [y, y, y, y, y, y, y, y, y, y]\nx2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx4: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n'
cases['alias-undefined'] = GOOD.replace('nodes: [a, b]', 'nodes: *missing')
cases['alias-many'] = GOOD + 'extra: &e 1\nmore: [' + ', '.join(['*e'] * 150) + ']\n'
# types
g('type-duration-number', 'duration: 1s', 'duration: 60')
g('type-duration-bool', 'duration: 1s', 'duration: true')
g('type-duration-nan', 'duration: 1s', 'duration: .nan')
g('type-duration-list', 'duration: 1s', 'duration: [1s]')
g('type-seed-text', 'duration: 1s', 'duration: 1s\nseed: "abc"')
g('type-seed-negative', 'duration: 1s', 'duration: 1s\nseed: -1')
g('type-seed-fraction', 'duration: 1s', 'duration: 1s\nseed: 1.5')
g('type-replications-zero', 'duration: 1s', 'duration: 1s\nreplications: 0')
g('type-nodes-scalar', 'nodes: [a, b]', 'nodes: a')
g('type-nodes-mapping', 'nodes: [a, b]', 'nodes: { a: 1 }')
g('type-links-mapping', 'links:\n  - { from: a, to: b, bandwidth: 10Mbps, delay: 1ms }', 'links: { from: a }')
g('type-bandwidth-number', 'bandwidth: 10Mbps', 'bandwidth: 1000')
g('type-bandwidth-bool', 'bandwidth: 10Mbps', 'bandwidth: true')
g('type-bandwidth-null', 'bandwidth: 10Mbps', 'bandwidth: null')
g('type-delay-number', 'delay: 1ms', 'delay: 5')
g('type-flow-rate-text', 'rate: 1Mbps', 'rate: fast')
g('type-dscp-bad-name', 'source: {', 'dscp: EFF, source: {')
g('type-dscp-too-big', 'source: {', 'dscp: 64, source: {')
g('type-duplex-text', 'delay: 1ms }', 'delay: 1ms, duplex: "no" }')
g('type-loss-text', 'delay: 1ms }', 'delay: 1ms, loss: "lots" }')
g('type-name-number', 'name: ok', 'name: 42')
g('type-description-list', 'name: ok', 'name: ok\ndescription: [a]')
# units
g('unit-bandwidth-bytes', 'bandwidth: 10Mbps', 'bandwidth: 10MB')
g('unit-bandwidth-negative', 'bandwidth: 10Mbps', 'bandwidth: -10Mbps')
g('unit-bandwidth-zero', 'bandwidth: 10Mbps', 'bandwidth: 0Mbps')
g('unit-bandwidth-unknown', 'bandwidth: 10Mbps', 'bandwidth: 10Mbit/s')
g('unit-delay-unknown', 'delay: 1ms', 'delay: 1 fortnight')
g('unit-duration-zero', 'duration: 1s', 'duration: 0s')
g('unit-duration-negative', 'duration: 1s', 'duration: -1s')
g('unit-size-bits', 'rate: 1Mbps }', 'rate: 1Mbps, packet_size: 12000b }')
g('unit-size-zero', 'rate: 1Mbps }', 'rate: 1Mbps, packet_size: 0B }')
g('unit-mtu-text', 'delay: 1ms }', 'delay: 1ms, mtu: big }')
g('unit-warmup-words', 'duration: 1s', 'duration: 1s\nwarmup: soon')
# ranges
g('range-loss-above-one', 'delay: 1ms }', 'delay: 1ms, loss: 2 }')
g('range-loss-negative', 'delay: 1ms }', 'delay: 1ms, loss: -0.1 }')
g('range-gilbert-r-zero', 'delay: 1ms }', 'delay: 1ms, loss: { gilbert: { p: 0.1, r: 0 } } }')
g('range-cross-load-one', 'delay: 1ms }', 'delay: 1ms, cross_traffic: { load: 1 } }')
g('range-warmup-after-end', 'duration: 1s', 'duration: 1s\nwarmup: 2s')
g('range-flow-stop-after-end', 'rate: 1Mbps } }', 'rate: 1Mbps }, stop: 5s }')
g('range-flow-start-after-stop', 'rate: 1Mbps } }', 'rate: 1Mbps }, start: 800ms, stop: 500ms }')
g('range-outage-after-end', 'delay: 1ms }', 'delay: 1ms, outages: [{ at: 5s, duration: 1s }] }')
g('range-packet-over-mtu', 'rate: 1Mbps }', 'rate: 1Mbps, packet_size: 9000B }')
g('range-packet-one-byte', 'rate: 1Mbps }', 'rate: 1Mbps, packet_size: 1B }')
g('range-queue-huge', 'delay: 1ms }', 'delay: 1ms, queue: { kind: droptail, limit_packets: 1000000000000 } }')
g('range-replications-huge', 'duration: 1s', 'duration: 1s\nreplications: 1000000000')
g('range-duration-beyond-2-53', 'duration: 1s', 'duration: 200d')
g('range-qos-one-class', 'delay: 1ms }', 'delay: 1ms, queue: { kind: qos, classes: [{ name: x, dscp: default }] } }')
p('range-users-huge', 'users: 100', 'users: 1000000000')
p('range-circuit-too-fast', 'bandwidth: 1Gbps, sku', 'bandwidth: 20Gbps, sku')
p('range-tunnel-mtu', 'apps:', 'remote_users: { home: { location: [40, -74], internet: { bandwidth: 100Mbps }, vpn: { site: hq, mtu: 1480B } } }\napps:')
# references
g('ref-link-missing-node', '{ from: a, to: b, bandwidth', '{ from: a, to: c, bandwidth')
g('ref-flow-missing-node', '{ name: f, from: a, to: b', '{ name: f, from: a, to: z')
g('ref-self-link', '{ from: a, to: b, bandwidth', '{ from: a, to: a, bandwidth')
g('ref-node-twice', 'nodes: [a, b]', 'nodes: [a, b, a]')
g('ref-flow-twice', "  - { name: f, from: a, to: b, source: { kind: cbr, rate: 1Mbps } }", "  - { name: f, from: a, to: b, source: { kind: cbr, rate: 1Mbps } }\n  - { name: f, from: b, to: a, source: { kind: cbr, rate: 1Mbps } }")
g('ref-no-route', 'nodes: [a, b]', 'nodes: [a, b, c]')
cases['ref-no-route'] = cases['ref-no-route'].replace('{ name: f, from: a, to: b', '{ name: f, from: a, to: c')
g('ref-pinned-path-no-link', 'nodes: [a, b]', 'nodes: [a, b, c]')
cases['ref-pinned-path-no-link'] = cases['ref-pinned-path-no-link'].replace('rate: 1Mbps } }', 'rate: 1Mbps }, path: [a, c, b] }')
g('ref-prefix-missing-node', 'nodes: [a, b]', 'nodes: [a, b]\nprefixes: [{ node: q, prefix: 10.9.0.0/16 }]')
g('ref-bad-prefix', 'nodes: [a, b]', 'nodes: [a, b]\nprefixes: [{ node: a, prefix: 10.9.0.1/16 }]')
g('ref-via-on-generic-flow', 'rate: 1Mbps } }', 'rate: 1Mbps }, via: a }')
p('ref-service-missing-region', 'region: eastus, prefix', 'region: westuss, prefix')
p('ref-circuit-missing-site', 'site: hq, peering', 'site: nowhere, peering')
p('ref-circuit-missing-location', 'peering_location: dc', 'peering_location: londn')
p('ref-app-missing-service', 'service: m365', 'service: teams')
p('ref-name-collision', "services: { m365:", "services: { hq:")
cases['ref-name-collision'] = cases['ref-name-collision'].replace('service: m365', 'service: hq')
p('ref-gateway-on-saas', 'prefix: 52.96.0.0/14 }', 'prefix: 52.96.0.0/14, gateway: ErGw1Az }')
p('ref-vpn-not-vnet', 'apps:', 'vpns: { v: { site: hq, vnet: m365 } }\napps:')
p('ref-wan-missing-site', 'apps:', 'wan: { kind: ipvpn, sites: [hq, nowhere] }\napps:')
p('ref-internet-delay-missing', 'apps:', 'internet: { delays: [{ from: nowhere, region: eastus, delay: 10ms }] }\napps:')
p('ref-no-regions', "regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }\n", '')
cases['ref-no-regions'] = cases['ref-no-regions'].replace('region: eastus, prefix', 'region: azure-east, prefix')
# the catalogue and what Microsoft sells
p('catalogue-unknown-region-list', "regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }", 'regions: [eastus, westeuropa]')
p('catalogue-unknown-place', 'location: [42.4, -71.1]', 'location: atlantis')
p('catalogue-custom-region-incomplete', "regions: { eastus: { continent: north-america, location: [37.4, -79.8] } }", 'regions: { hq-dc: { location: [37.4, -79.8] } }')
p('circuit-size-not-sold', 'bandwidth: 1Gbps, sku', 'bandwidth: 300Mbps, sku')
p('circuit-direct-size-on-port', 'bandwidth: 1Gbps, sku', 'bandwidth: 40Gbps, direct: true, port: 10Gbps, sku')
p('circuit-direct-oversubscribed', "circuits: { er: { site: hq, peering_location: dc, bandwidth: 1Gbps, sku: premium } }", "circuits: { er: { site: hq, peering_location: amsterdam, bandwidth: 10Gbps, direct: true, sku: premium }, er2: { site: hq, peering_location: amsterdam, bandwidth: 10Gbps, direct: true, sku: premium }, er3: { site: hq, peering_location: amsterdam, bandwidth: 5Gbps, direct: true, sku: premium } }")
p('circuit-local-not-offered', "circuits: { er: { site: hq, peering_location: dc, bandwidth: 1Gbps, sku: premium } }", "circuits: { er: { site: hq, peering_location: new-york, bandwidth: 1Gbps, sku: local } }")
p('gateway-fastpath-too-small', 'prefix: 52.96.0.0/14 }', 'prefix: 52.96.0.0/14 }, vnet: { region: eastus, kind: vnet, gateway: ErGw1Az, fastpath: true }')
p('limit-private-routes', 'bandwidth: 1Gbps, sku: premium', 'bandwidth: 1Gbps, sku: standard, advertised_routes: { private: 4001 }')
p('limit-microsoft-routes', 'bandwidth: 1Gbps, sku: premium', 'bandwidth: 1Gbps, sku: premium, advertised_routes: { microsoft: 201 }')
p('ref-global-reach-missing', 'bandwidth: 1Gbps, sku: premium', 'bandwidth: 1Gbps, sku: premium, global_reach: [er9]')
p('limit-gateway-connections', "circuits: { er: { site: hq, peering_location: dc, bandwidth: 1Gbps, sku: premium } }", "services: { vnet: { region: eastus, kind: vnet } }\ncircuits: {" + ", ".join(f"er{i}: {{ site: hq, peering_location: {loc}, bandwidth: 1Gbps, sku: premium }}" for i, loc in enumerate(['amsterdam', 'london', 'paris', 'dublin', 'frankfurt'])) + " }")
cases['limit-gateway-connections'] = cases['limit-gateway-connections'].replace("services: { m365: { region: eastus, prefix: 52.96.0.0/14 } }\n", '').replace('services: { vnet: { region: eastus, kind: vnet } }', 'services: { m365: { region: eastus, prefix: 52.96.0.0/14 }, vnet: { region: eastus, kind: vnet } }')
p('gateway-scale-units', 'prefix: 52.96.0.0/14 }', 'prefix: 52.96.0.0/14 }, vnet: { region: eastus, kind: vnet, gateway: { scale_units: 41 } }')
# unknown fields and kinds
g('unknown-top-field', 'duration: 1s', 'duration: 1s\ncolour: red')
g('unknown-link-field', 'delay: 1ms }', 'delay: 1ms, colour: red }')
g('unknown-source-kind', 'kind: cbr', 'kind: cbrr')
g('unknown-queue-kind', 'delay: 1ms }', 'delay: 1ms, queue: { kind: red } }')
g('unknown-cc', "source: { kind: cbr, rate: 1Mbps }", "protocol: tcp, app: { kind: bulk }, tcp: { cc: vegas }")
g('unknown-app-kind', "source: { kind: cbr, rate: 1Mbps }", "protocol: tcp, app: { kind: video }")
p('unknown-sku', 'sku: premium', 'sku: gold')
p('unknown-continent', 'continent: north-america, location: [37.4', 'continent: atlantis, location: [37.4')
p('unknown-media', 'calls_per_hour: 2 }', 'calls_per_hour: 2, media: hologram }')
p('unknown-targets', 'apps:', 'targets: teams-mars\napps:')
# inconsistent flows
g('flow-tcp-without-app', "source: { kind: cbr, rate: 1Mbps }", "protocol: tcp")
g('flow-udp-with-app', "source: { kind: cbr, rate: 1Mbps }", "source: { kind: cbr, rate: 1Mbps }, app: { kind: bulk }")
g('flow-udp-without-source', " source: { kind: cbr, rate: 1Mbps }", "")
g('flow-loss-and-drops', 'delay: 1ms }', 'delay: 1ms, loss: 0.1, drop_packets: [1] }')
g('flow-path-wrong-start', 'rate: 1Mbps } }', 'rate: 1Mbps }, path: [b, a] }')
# limits
g('limit-terabit-tiny-packets', 'rate: 1Mbps }', 'rate: 1000Gbps, packet_size: 20B }')
g('limit-sources', 'delay: 1ms }', 'delay: 1ms, cross_traffic: { load: 0.5, sources: 10000000 } }')
g('limit-long-name', 'name: ok', 'name: ' + 'x' * 300)
g('limit-cross-traffic-flood', 'bandwidth: 10Mbps, delay: 1ms }', 'bandwidth: 10Tbps, delay: 1ms, cross_traffic: { load: 0.9, packet_size: 40B } }')
cases['limit-cross-traffic-flood'] = cases['limit-cross-traffic-flood'].replace('duration: 1s', 'duration: 1000s')
# hostile names
g('name-dot-dot', 'name: ok', 'name: ".."')
g('name-dot', 'name: ok', 'name: "."')
g('name-option', 'name: ok', 'name: --help')
g('name-slash', 'name: ok', 'name: ../../etc')
g('name-space', 'name: ok', 'name: "my scenario"')
g('name-html', 'name: ok', 'name: "<script>alert(1)</script>"')
g('name-node-proto', 'nodes: [a, b]', 'nodes: [a, b, __proto__/x]')
g('name-empty', 'name: ok', 'name: ""')
g('name-unicode', 'name: ok', 'name: "caf\u00e9"')
g('name-newline', 'name: ok', 'name: "a\\nb"')
g('variant-bad-name', 'nodes: [a, b]', 'nodes: [a, b]\nvariants: { "bad name": {} }')
g('variant-not-mapping', 'nodes: [a, b]', 'nodes: [a, b]\nvariants: { v: [1] }')
g('variant-breaks-field', 'nodes: [a, b]', 'nodes: [a, b]\nvariants: { v: { duration: 10 } }')
g('variants-empty', 'nodes: [a, b]', 'nodes: [a, b]\nvariants: {}')

os.makedirs(HERE, exist_ok=True)
for f in os.listdir(HERE):
    os.remove(os.path.join(HERE, f))
for name, text in cases.items():
    with open(os.path.join(HERE, f'{name}.yaml'), 'w') as out:
        out.write(text)
print(len(cases), 'files')
