import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Ranges no SMTP host may ever be in, whatever the settings say. */
const NEVER = new Set(['unspecified', 'broadcast', 'multicast', 'reserved']);

/** Which of a mailbox's servers a host is, for messages. */
export type MailServerKind = 'SMTP' | 'IMAP';

export class SmtpHostNotAllowedError extends Error {}
export class SmtpHostNotFoundError extends Error {}

function rangeOf(address: string): string {
  const parsed = ipaddr.parse(address);
  const ip = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return ip.range();
}

/** Why an IP address may not be an SMTP host (its range, e.g. "loopback"), or null when it may. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** This machine, by name or address (an IPv6 literal as a URL host has brackets): where plain connections are tolerable. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

export function refusedRange(address: string, allowPrivate: boolean): string | null {
  const range = rangeOf(address);
  return NEVER.has(range) || (!allowPrivate && range !== 'unicast') ? range : null;
}

export function notAllowedMessage(host: string, address: string, range: string, kind: MailServerKind = 'SMTP'): string {
  return `The ${kind} host ${host} points to a ${range} address (${address}), which Sendas does not connect to: use your provider's public ${kind} host.`;
}

/** A host name that did not resolve: a typed one may be misspelt; a preset's (nobody typed it) means no network. */
export function hostNotFound(host: string, kind: MailServerKind, preset?: string): SmtpHostNotFoundError {
  return new SmtpHostNotFoundError(
    preset
      ? `Sendas could not look up ${host} (${preset}'s server): the server running Sendas seems to have no internet or DNS right now. Try again in a few minutes, or tell your administrator.`
      : `The ${kind} host ${host} was not found: check its spelling.`,
  );
}

/**
 * Resolves an SMTP host and returns the address to connect to, so the address checked is the address used
 * (no DNS rebinding between check and connect). Loopback, private, link-local and similar addresses are
 * refused unless `allowPrivate` (server-side request forgery guard). `preset`: the provider whose preset the host
 * is (a name nobody typed, so a failed lookup means the network, not the spelling).
 */
export async function resolveSmtpHost(host: string, allowPrivate: boolean, kind: MailServerKind = 'SMTP', preset?: string): Promise<string> {
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      throw hostNotFound(host, kind, preset);
    }
  }
  for (const address of addresses) {
    const range = refusedRange(address, allowPrivate);
    if (range) throw new SmtpHostNotAllowedError(notAllowedMessage(host, address, range, kind));
  }
  return addresses[0];
}
