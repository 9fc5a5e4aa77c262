// Delivering a message to addresses: the suite's own mailboxes get it in their INBOX (a list: each member), other
// domains through the outgoing transport. The same code serves mail written in the suite, mail received by SES in
// AWS, and mail received by the local SMTP server.
import { toVietnamIso } from '#shared/clock';
import { tenantOfDomain } from '#shared/exchange';
import { eachLimit, mapLimit } from '#shared/pool';
import { domainPart } from './addresses';
import type { MailDeps } from './deps';
import { fileInto, messageIdOf, type StoredRaw } from './filing';
import { domainOfTenant, resolve } from './mailboxes';
import { MAX_MESSAGE_BYTES, quotaOf } from './quota';

/** What became of one recipient. */
export type Outcome = 'delivered' | 'duplicate' | 'full' | 'unknown' | 'sent' | 'failed';

/**
 * Whether a recipient can take a message of `size` bytes now: what an SMTP server answers at RCPT TO (550 unknown)
 * and after DATA (452 full, 552 too large).
 */
export async function checkRecipient(deps: MailDeps, tenant: string, address: string, size = 0): Promise<'ok' | 'unknown' | 'full' | 'too-large' | 'remote'> {
  if (size > MAX_MESSAGE_BYTES) return 'too-large';
  const r = await resolve(deps, tenant, address);
  if (r.kind === 'unknown') return 'unknown';
  if (r.kind === 'remote') return 'remote';
  if (r.kind === 'list') return 'ok';
  return (await deps.store.usage(tenant, r.address)) + size > quotaOf(tenant) ? 'full' : 'ok';
}

/**
 * Delivers to every recipient once: a list's members are expanded (a member reached twice gets one copy), local
 * mailboxes file it into INBOX, remote addresses get it through the transport in one send.
 */
export async function deliver(deps: MailDeps, tenant: string, stored: StoredRaw, raw: Uint8Array, recipients: string[], envelopeFrom: string, verdicts?: Record<string, string>): Promise<Record<string, Outcome>> {
  const outcomes: Record<string, Outcome> = {};
  const mailboxes = new Map<string, string[]>(); // mailbox → the recipients it stands for
  const remote = new Set<string>();
  for (const address of new Set(recipients.map((r) => r.toLowerCase()))) {
    const r = await resolve(deps, tenant, address);
    if (r.kind === 'unknown') outcomes[address] = 'unknown';
    else if (r.kind === 'remote') remote.add(address);
    else if (r.kind === 'list') {
      // A list's members are looked up 16 at a time (one after another, a list of 500 spent 2 s here: bench:mail).
      for (const m of await mapLimit(r.box.members, 16, (member) => resolve(deps, tenant, member))) {
        if (m.kind === 'remote') remote.add(m.address);
        else if (m.kind === 'personal' || m.kind === 'shared') mailboxes.set(m.address, [...(mailboxes.get(m.address) ?? []), address]);
      }
      outcomes[address] = 'delivered';
    } else mailboxes.set(r.address, [...(mailboxes.get(r.address) ?? []), address]);
  }
  await eachLimit([...mailboxes.entries()], 16, async ([mailbox, via]) => {
    const filed = await fileInto(deps, tenant, mailbox, stored, { folder: 'INBOX', seen: false, ...(verdicts ? { verdicts } : {}) });
    const outcome: Outcome = filed.outcome === 'filed' ? 'delivered' : filed.outcome;
    // A list keeps 'delivered'; each member's own mailbox has its own outcome.
    for (const address of [...via, mailbox]) outcomes[address] ??= outcome;
  });
  // Another province of the suite: through the platform's hub, once per province (its inbound function files it).
  for (const [peer, addresses] of byPeer(deps, tenant, remote)) {
    for (const address of addresses) remote.delete(address);
    try {
      await sendThroughHub(deps, tenant, stored, raw, peer, addresses);
      for (const address of addresses) outcomes[address] = 'sent';
    } catch {
      for (const address of addresses) outcomes[address] = 'failed';
    }
  }
  if (remote.size) {
    try {
      await deps.transport.send(Buffer.from(raw).toString('utf8'), { from: envelopeFrom, to: [...remote] }, messageIdOf(stored));
      for (const address of remote) outcomes[address] = 'sent';
    } catch {
      for (const address of remote) outcomes[address] = 'failed';
    }
  }
  return outcomes;
}

/** The remote addresses that are another tenant's, by that tenant (with its domain). */
function byPeer(deps: MailDeps, tenant: string, remote: Set<string>): Map<{ id: string; domain: string }, string[]> {
  const peers = new Map<string, { peer: { id: string; domain: string }; addresses: string[] }>();
  for (const address of remote) {
    const peer = deps.exchange && tenantOfDomain(deps.exchange.tenants, domainPart(address));
    if (!peer?.domain || peer.id === tenant) continue;
    const entry = peers.get(peer.id) ?? { peer: { id: peer.id, domain: peer.domain }, addresses: [] };
    entry.addresses.push(address);
    peers.set(peer.id, entry);
  }
  return new Map([...peers.values()].map((e) => [e.peer, e.addresses]));
}

/**
 * The raw message into the hub bucket under this tenant's prefix, and one envelope for the other province, whose id
 * is the message's hash and the province: a retry puts nothing twice, so it is delivered exactly once.
 */
async function sendThroughHub(deps: MailDeps, tenant: string, stored: StoredRaw, raw: Uint8Array, peer: { id: string; domain: string }, recipients: string[]): Promise<void> {
  const { hub } = deps.exchange!;
  const objectKey = `${tenant}/mail/${stored.sha256}.eml`;
  await hub.putObject(objectKey, raw, 'message/rfc822');
  const domain = domainOfTenant(tenant);
  await hub.putEnvelope({
    id: `mail.${stored.sha256}.${peer.id}`, channel: 'mail', kind: 'message', fromTenant: tenant,
    fromAgency: domain, toAgency: peer.domain, toDomain: peer.domain, recipients, objectKey, createdAt: toVietnamIso(deps.clock()),
  });
}
