import type { TableDef } from '#shared/table';

/**
 * The meetings table. A meeting item is the truth; every other item about it is an index row derived from it,
 * written before the meeting item commits and checked against it on every read (a row the meeting no longer
 * backs, e.g. after a crash or a reschedule, is ignored and cleaned up). Every key starts with the tenant id.
 * - a connection point:             pk `{t}#POINT`,          sk `{pointId}`
 * - a point's booking lease:        pk `{t}#LEASE`,          sk `{pointId}`         (serialises bookings of a point)
 * - a meeting (series):             pk `{t}#MEETING#{id}`,   sk `MEETING`
 * - its attendance:                 pk `{t}#MEETING#{id}`,   sk `CHECKIN#{occurrence}#{pointId}`
 * - a point's occupancy:            pk `{t}#BUSY#{pointId}`, sk `{start UTC}#{id}#{occurrence}`  (the conflict check)
 * - a unit's calendar:              pk `{t}#UNIT#{unit}`,    sk `{start UTC}#{id}#{occurrence}`
 * - the tenant's calendar:          pk `{t}#CAL`,            sk `{start UTC}#{id}#{occurrence}`
 * - reminders due:                  pk `{t}#REMIND`,         sk `{due UTC}#{id}#{occurrence}#{kind}`
 * - a calendar feed of a unit/point: pk `{t}#FEED`,          sk `{unit|point}#{id}`  (its current secret token)
 * - a feed token → its owner:       pk `{t}#FEEDTOKEN#{token}`, sk `FEED`
 */
export const meetingsTable: TableDef = {
  name: 'meetings',
  envVar: 'MEETINGS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  // Its event log: metering counts meeting hours per connection point from it (functions/platform/metering).
  stream: true,
};
