// The meetings service's ports: storage, the directory (read-only), files, the mail outbox, the video provider and
// the clock. Domain modules take these; wiring.ts connects them to AWS (or the local stand-ins).
import type { Caller } from '#shared/auth';
import type { Clock } from '#shared/clock';
import type { MailRequest } from '#shared/outbox';
import type { QuotaMeter } from '#shared/quota';
import type { MeetingFile } from './schemas';
import type { MeetingsStore, TransactItem } from './store';

export interface UnitInfo {
  code: string;
  name: string;
  email?: string;
  parentCode?: string;
}

export interface Directory {
  unit(tenant: string, code: string): Promise<UnitInfo | undefined>;
  /** Enabled members of a unit with one of the roles: where a unit without a mailbox gets its invitations. */
  members(tenant: string, unit: string, roles: readonly string[]): Promise<{ email: string; name: string }[]>;
  userName(tenant: string, userId: string): Promise<string | undefined>;
}

export interface Files {
  /** Checks an upload and returns it with the transaction item that claims it for `reference`. */
  claim(tenant: string, uploadId: string, caller: Caller, reference: string): Promise<{ file: MeetingFile; attach: TransactItem }>;
  /** A short-lived link to download a file. */
  link(file: MeetingFile): Promise<string>;
}

/** A join link for one connection point of one occurrence. */
export interface JoinInfo {
  url: string;
  expiresAt?: Date;
  attendee?: Record<string, string>;
}

export interface VideoProvider {
  name: 'jitsi' | 'chime';
  join(input: { tenant: string; room: string; meetingTitle: string; point: { id: string; name: string }; moderator: boolean; start: Date; end: Date }): Promise<JoinInfo>;
}

export interface MeetingDeps {
  store: MeetingsStore;
  directory: Directory;
  files: Files;
  outbox: { item(request: MailRequest): TransactItem };
  video: VideoProvider;
  clock: Clock;
  /** The tenant's monthly meeting-hours quota, counted in each booking's transaction; absent in-process (the bench). */
  quota?: QuotaMeter;
}
