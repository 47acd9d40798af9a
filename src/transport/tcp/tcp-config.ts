import type { Nanos } from '../../core/time.js';
import { millis, seconds } from '../../core/time.js';

export type CongestionControlKind = 'newreno' | 'cubic';
/** How SACK loss recovery paces its sending: RFC 6937 proportional rate reduction, or RFC 6675's cwnd - pipe. */
export type RecoveryKind = 'prr' | 'rfc6675';

export interface TcpConfig {
  congestionControl: CongestionControlKind;
  /** Maximum segment size: path MTU - 40 (IP + TCP headers). */
  mss: number;
  /** TCP timestamps option (12 bytes per segment): payload per segment = mss - 12. */
  timestamps: boolean;
  /** Initial window, segments (RFC 6928). */
  initialWindow: number;
  /** Initial RTO before any RTT sample (RFC 6298: 1 s). */
  initialRto: Nanos;
  minRto: Nanos;
  maxRto: Nanos;
  /** Acknowledge every second full segment, or after `delayedAckTimeout`. */
  delayedAck: boolean;
  delayedAckTimeout: Nanos;
  /** Advertised receive window, bytes. */
  receiveWindow: number;
  /** Selective acknowledgements (RFC 2018) with RFC 6675 loss recovery; off: NewReno recovery. */
  sack: boolean;
  /** SACK recovery's sending: PRR (RFC 6937, Linux's and ns-3's default) or RFC 6675 alone. */
  recovery: RecoveryKind;
  /** A connection opens with SYN and SYN-ACK (RFC 9293) before its first data; off: it exists from the start. */
  handshake: boolean;
  /** CUBIC leaves slow start by HyStart (Linux's and ns-3's default; src/transport/tcp/hystart.ts); NewReno never does. */
  hystart: boolean;
}

export const IP_TCP_HEADER_BYTES = 40;
export const TIMESTAMP_OPTION_BYTES = 12;

export const DEFAULT_TCP: TcpConfig = {
  congestionControl: 'newreno',
  mss: 1460,
  timestamps: true,
  initialWindow: 10,
  initialRto: seconds(1),
  minRto: millis(200),
  maxRto: seconds(60),
  delayedAck: false,
  delayedAckTimeout: millis(40),
  receiveWindow: 64 * 1024 * 1024,
  sack: true,
  recovery: 'prr',
  handshake: true,
  hystart: true,
};

/**
 * Bytes of a SYN (and of the SYN-ACK, which carries the same options): IP and TCP headers and the
 * options Linux sends: MSS (4), SACK permitted (2), window scale (3), timestamps (10), padded to a
 * multiple of 4: 60 bytes with timestamps, 52 without.
 */
export function synBytes(config: Pick<TcpConfig, 'timestamps'>): number {
  return IP_TCP_HEADER_BYTES + (config.timestamps ? 20 : 12);
}

/** Payload bytes per full segment, and the header bytes every segment and ACK carries. */
export function segmentLayout(config: TcpConfig): { payload: number; header: number } {
  const option = config.timestamps ? TIMESTAMP_OPTION_BYTES : 0;
  return { payload: config.mss - option, header: IP_TCP_HEADER_BYTES + option };
}
