// The documents service's ports: storage, the directory (read-only), files, the mail outbox and the clock. The
// domain modules take these, so they hold rules and nothing of AWS; handler.ts and the bench wire them.
import type { Caller } from '#shared/auth';
import type { Clock } from '#shared/clock';
import type { MailRequest } from '#shared/outbox';
import type { QuotaMeter } from '#shared/quota';
import type { DocumentFile } from './schemas';
import type { DocumentsStore, TransactItem } from './store';

export interface UnitInfo {
  code: string;
  name: string;
  shortName?: string;
  level: string;
  parentCode?: string;
}

export interface Directory {
  unit(tenant: string, code: string): Promise<UnitInfo | undefined>;
  /** An official as the directory has them (ID tokens may carry no name): name, email, and whether enabled. */
  official(tenant: string, userId: string): Promise<{ email: string; name: string; enabled: boolean } | undefined>;
  /** Enabled members of a unit with one of the roles (for reminders). */
  members(tenant: string, unit: string, roles: readonly string[]): Promise<{ email: string; name: string }[]>;
}

export interface DocumentFiles {
  /** Checks an upload and returns it with the transaction item that claims it for `reference`. */
  claim(tenant: string, uploadId: string, caller: Caller, accept: { contentTypes?: string[] }, reference: string): Promise<{ file: DocumentFile; attach: TransactItem }>;
  read(file: Pick<DocumentFile, 'key' | 'versionId'>): Promise<Uint8Array>;
  /** Stores bytes (an attachment of a received edXML) under the tenant's files. */
  write(key: string, bytes: Uint8Array, contentType: string): Promise<{ versionId?: string }>;
  /** A presigned GET of the file's verified version, saved under its name, valid `expiresInSeconds`. */
  downloadUrl(file: Pick<DocumentFile, 'key' | 'versionId' | 'fileName' | 'contentType'>, expiresInSeconds: number): Promise<string>;
}

export interface Outbox {
  item(request: MailRequest): TransactItem;
}

export interface DocumentDeps {
  store: DocumentsStore;
  directory: Directory;
  files: DocumentFiles;
  outbox: Outbox;
  clock: Clock;
  /**
   * The tenant's monthly quota of documents sent (docs/plans.md): one per recipient agency, counted in the issue's
   * transaction. Absent only in-process (tests and benches that wire the store themselves), where nothing is counted.
   */
  quota?: QuotaMeter;
}
