import { localLoad, nearestInstance } from './normalize.js';
import { DSCP } from '../core/dscp.js';
import { DEFAULT_CALL_DURATION, DEFAULT_MAX_CONNECTIONS } from './assumptions.js';
import { TEAMS_MEDIA } from './azure/facts.js';
import { NS_PER_MS, NS_PER_S } from '../core/time.js';
import type { IssueList } from '../scenario/errors.js';
import { normalizeDistribution, normalizeTcp } from '../scenario/normalize.js';
import type { AppFlowSpec, ApplicationModel, CodecSpec } from '../scenario/scenario.js';
import type { PlannerFlowSpec, PlannerSpec } from './scenario.js';
import type { ParsedApplication } from './schema.js';

/** IP (20) + UDP (8) + RTP (12) bytes around each media payload. */
export const MEDIA_HEADER_BYTES = 40;

/** G.113 Appendix I figures with packet-loss concealment (unsourced for Teams' own codecs, which are modelled as G.711). */
export const CODECS: Record<'g711' | 'g729', CodecSpec> = {
  g711: { name: 'g711', ie: 0, bpl: 25.1 },
  g729: { name: 'g729', ie: 11, bpl: 19 },
};

const MEDIA = TEAMS_MEDIA;

/**
 * Every application of `apps:` times every site or remote group that uses it: one flow each, from
 * the users to the service (calls, requests and transfers are all started by the users).
 */
export function normalizeApplications(
  apps: Record<string, ParsedApplication> | undefined,
  planner: PlannerSpec,
  duration: number,
  issues: IssueList,
): (AppFlowSpec & PlannerFlowSpec)[] {
  const out: (AppFlowSpec & PlannerFlowSpec)[] = [];
  for (const [name, app] of Object.entries(apps ?? {})) {
    const at = ['apps', name];
    const known = planner.services.some((s) => s.name === app.service) || planner.instances.has(app.service);
    if (!known) issues.add([...at, 'service'], `no service named '${app.service}'`);
    if (app.via !== undefined && !planner.sites.some((s) => s.name === app.via && s.kind === 'site')) {
      issues.add([...at, 'via'], `no site named '${app.via}' (a proxy sits at a site)`);
    }
    const users = app.sites ?? planner.sites.filter((s) => s.users > 0).map((s) => s.name);
    app.sites?.forEach((siteName, i) => {
      const site = planner.sites.find((s) => s.name === siteName);
      if (site === undefined) issues.add([...at, 'sites', i], `no site or remote user group named '${siteName}'`);
      else if (site.users === 0) issues.add([...at, 'sites', i], `'${siteName}' has no users (set its users:)`);
    });
    const { model, dscp } = applicationModel(app);
    for (const siteName of users) {
      const site = planner.sites.find((s) => s.name === siteName);
      if (site === undefined || site.users === 0) continue;
      // with personas, a site's users of this application: each persona's users times its use of it
      const appUsers = site.personas === undefined ? site.users : [...site.personas].reduce((sum, [p, n]) => sum + n * (planner.personas.get(p)?.get(name) ?? 0), 0);
      if (appUsers === 0) continue;
      // a service in several regions: the instance nearest the site
      const target = nearestInstance(planner, app.service, site.location);
      out.push({
        protocol: 'app',
        name: `${siteName}:${name}`,
        application: name,
        site: siteName,
        service: target,
        // at a given instant of the day each site's load follows its own local hour
        users: planner.atUtcHour === undefined ? appUsers : appUsers * localLoad(site, planner.atUtcHour),
        model,
        tcp: normalizeTcp(app.kind === 'call' ? undefined : app.tcp),
        from: siteName,
        to: target,
        viaSite: app.via,
        compressible: app.compressible,
        dscp,
        start: 0,
        stop: duration,
        origin: at,
      });
    }
  }
  return out;
}

function applicationModel(app: ParsedApplication): { model: ApplicationModel; dscp: number } {
  switch (app.kind) {
    case 'call': {
      const media = app.media ?? 'audio';
      const d = MEDIA[media];
      const bitrateBps = app.bitrate ?? d.bitrateBps;
      let packetInterval: number;
      let packetBytes: number;
      if (app.packet_size !== undefined || (app.packet_interval === undefined && d.packetInterval === undefined)) {
        packetBytes = app.packet_size ?? d.packetBytes!;
        packetInterval = Math.round(((packetBytes - MEDIA_HEADER_BYTES) * 8 * NS_PER_S) / bitrateBps);
      } else {
        packetInterval = app.packet_interval ?? d.packetInterval!;
        packetBytes = Math.max(1, Math.round((bitrateBps * packetInterval) / NS_PER_S / 8)) + MEDIA_HEADER_BYTES;
      }
      const codec = app.codec === undefined ? CODECS.g711 : typeof app.codec === 'string' ? CODECS[app.codec] : { name: 'custom', ...app.codec };
      return {
        dscp: app.dscp ?? d.dscp,
        model: {
          kind: 'call',
          media,
          callsPerHour: app.calls_per_hour,
          duration: app.duration === undefined ? { kind: 'exponential', mean: DEFAULT_CALL_DURATION } : normalizeDistribution(app.duration, 'exponential'),
          bitrateBps,
          packetInterval,
          packetBytes,
          codec,
        },
      };
    }
    case 'web':
      return {
        dscp: app.dscp ?? 0,
        model: {
          kind: 'web',
          requestsPerMinute: app.requests_per_minute,
          request: app.request === undefined ? { kind: 'fixed', mean: 2048 } : normalizeDistribution(app.request, 'fixed'),
          response: normalizeDistribution(app.response, 'fixed'),
          maxConnections: app.max_connections ?? DEFAULT_MAX_CONNECTIONS,
        },
      };
    case 'transfer':
      return {
        dscp: app.dscp ?? DSCP.AF11,
        model: {
          kind: 'transfer',
          transfersPerHour: app.transfers_per_hour,
          size: normalizeDistribution(app.size, 'fixed'),
          direction: app.direction ?? 'up',
          maxConnections: app.max_connections ?? DEFAULT_MAX_CONNECTIONS,
        },
      };
  }
}
