import type { TableDef } from '#shared/table';

/**
 * The directory table. Access patterns (every key starts with the tenant id):
 * - units of a tenant, by code:        pk `{tenant}#UNIT`,  sk `{agency code}`
 * - officials of a tenant, by id:      pk `{tenant}#USER`,  sk `{user id}`
 * - officials of a unit, by email:     gsi1pk `{tenant}#UNIT#{code}#USERS`, gsi1sk `{email}`
 * - email → official (uniqueness):     pk `{tenant}#EMAIL`, sk `{email}`
 */
export const directoryTable: TableDef = {
  name: 'directory',
  envVar: 'DIRECTORY_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
  stream: true,
};
