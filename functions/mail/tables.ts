import type { TableDef } from '#shared/table';

/**
 * The mailboxes table: shared mailboxes and lists, and every mailbox's messages, folders and search entries. A raw
 * message (`.eml`) is stored once in the tenant's bucket, however many mailboxes hold it; each holder has its own
 * index item (folder, flags). Every key starts with the tenant id.
 * - a shared mailbox or a list:       pk `{t}#MAILBOX`,             sk `{address}`
 * - a mailbox's usage (quota):        pk `{t}#MBX#{address}`,       sk `USAGE`
 * - a message in a mailbox:           pk `{t}#MBX#{address}`,       sk `M#{id}`
 * - a Message-ID in a mailbox:        pk `{t}#MBX#{address}`,       sk `MID#{Message-ID}`  (once per mailbox; threads)
 * - a folder of the user's own:       pk `{t}#MBX#{address}`,       sk `FOLDER#{name}`
 * - search entries:                   pk `{t}#MBX#{address}#FIND#{key}`, sk `{date}#{id}`  (key: WORD#…, FROM#…)
 * - a folder's messages, newest first: gsi1pk `{t}#MBX#{address}#F#{folder}`, gsi1sk `{date}#{id}`
 * - a thread's messages:              gsi2pk `{t}#MBX#{address}#T#{thread}`,  gsi2sk `{date}#{id}`
 */
export const mailTable: TableDef = {
  name: 'mail',
  envVar: 'MAIL_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [1, 2].map((n) => ({ name: `gsi${n}`, partitionKey: `gsi${n}pk`, sortKey: `gsi${n}sk` })),
  // Its event log: metering counts mail sent, mailboxes and stored mail from it (functions/platform/metering).
  stream: true,
};
