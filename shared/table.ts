// Tables as plain data: CDK creates them in AWS, the local runtime in DynamoDB Local, from these same definitions.

export interface IndexDef {
  name: string;
  partitionKey: string;
  sortKey?: string;
  /**
   * The non-key attributes the index carries (INCLUDE); all of them when absent (ALL). Every write of an item
   * is also a write of its index copy, so an index of list views should carry only what the list shows.
   */
  include?: string[];
}

export interface TableDef {
  /** Short name, unique in a deployment: the physical name is `<deployment>-<name>` (e.g. `nghean-directory`). */
  name: string;
  /** Name of the environment variable that carries the physical table name to a function. */
  envVar: string;
  partitionKey: string;
  sortKey?: string;
  indexes?: IndexDef[];
  /** The table's stream is its service's event log. */
  stream?: boolean;
  /** Attribute holding an epoch-seconds expiry. */
  ttlAttribute?: string;
}

/** Powertools idempotency records of a deployment (Idempotency-Key on creating POSTs). */
export const idempotencyTable: TableDef = {
  name: 'idempotency',
  envVar: 'IDEMPOTENCY_TABLE',
  partitionKey: 'id',
  ttlAttribute: 'expiration',
};

export const physicalTableName = (deployment: string, table: TableDef): string => `${deployment}-${table.name}`;
