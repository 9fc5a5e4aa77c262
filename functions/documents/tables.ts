import type { TableDef } from '#shared/table';

/**
 * The documents table: outgoing documents with a trace line per recipient, incoming documents, register counters,
 * search entries and the tenant's trusted CAs. Every key starts with the tenant id. Access patterns:
 * - an outgoing document:                pk `{t}#DOC#{id}`,  sk `DOC`
 * - its recipients' trace (one each):    pk `{t}#DOC#{id}`,  sk `TO#{agency}`        (Query on pk: the trace)
 * - an edXML DocumentId → our document:  pk `{t}#EDXML#{DocumentId}`, sk `OUT` | `IN#{recipient}` (status routing, duplicates)
 * - an incoming document:                pk `{t}#IN#{id}`,   sk `IN`
 * - a status it sends back (to forward): pk `{t}#IN#{id}`,   sk `STATUS#{seq}`       (the stream forwards it)
 * - a register's counter:                pk `{t}#COUNTER`,   sk `{unit}#{series}#{year}`
 * - search entries:                      pk `{t}#FIND#{key}`, sk `{date}#{id}`       (key: NUM#…, TYPE#…, ORGAN#…, WORD#…, ALL)
 * - trusted CAs for PDF signatures:      pk `{t}#TRUSTED`,   sk `{sha256 fingerprint}`
 * - boxes, newest/urgent first:          gsi1pk `{t}#INBOX#{unit}` (incoming, open) | `{t}#OUTBOX#{unit}` (outgoing), gsi1sk per box
 * - registers by number:                 gsi2pk `{t}#REG#{unit}#{series}#{year}`, gsi2sk `{number, 6 digits}`
 * - open tasks of an assignee:           gsi3pk `{t}#TASKS#UNIT#{unit}` | `{t}#TASKS#USER#{id}`, gsi3sk `{deadline}#{id}`
 * - open tasks an official assigned:     gsi4pk `{t}#ASSIGNER#{user id}`, gsi4sk `{deadline}#{id}`
 * - every open task by deadline (job):   gsi5pk `{t}#TASKDUE`, gsi5sk `{deadline}#{id}`
 */

export const documentsTable: TableDef = {
  name: 'documents',
  envVar: 'DOCUMENTS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  // Projections are ALL: DynamoDB allows 100 projected attributes per table (20 in DynamoDB Local) and five list
  // views need about 20 each. The indexes are sparse (an item is in a box while open, in the task indexes while a
  // task runs), so the cost is a few index writes per change, not a copy of every item.
  indexes: [1, 2, 3, 4, 5].map((n) => ({ name: `gsi${n}`, partitionKey: `gsi${n}pk`, sortKey: `gsi${n}sk` })),
  stream: true,
};
