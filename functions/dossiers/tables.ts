import type { TableDef } from '#shared/table';

/**
 * The dossiers table: procedures, the working-time calendar, dossiers and their counters. Every key starts with the
 * tenant id. Access patterns:
 * - procedures of a tenant (catalogue, filters, search):  pk `{tenant}#PROC`,            sk `{code}` (current summary)
 * - one version of a procedure:                           pk `{tenant}#PROC#{code}`,     sk `V#{version, 4 digits}`
 * - the calendar of a year:                               pk `{tenant}#CAL`,             sk `{year}`
 * - a dossier (with its history):                         pk `{tenant}#DOSSIER#{code}`,  sk `DOSSIER`
 * - its public view (status and dates only, ≤ 1 RCU):     pk `{tenant}#DOSSIER#{code}`,  sk `PUBLIC`
 * - the daily counter of a receiving unit:                pk `{tenant}#COUNTER#{unit}`,  sk `{yyMMdd}`
 * - a unit's open dossiers by due date (inbox):           gsi1pk `{tenant}#INBOX#{unit}`, gsi1sk `{dueAt or 9999…}#{code}`
 * - an applicant's dossiers, newest first:                gsi2pk `{tenant}#APPLICANT#{user id}`, gsi2sk `{submittedAt}#{code}`
 * - unfinished dossiers by due time (overdue report):      gsi3pk `{tenant}#DUE`, gsi3sk `{dueAt}#{code}` (sparse: only
 *   while a dossier has a due date and no finish time)
 */
/** What a line of a dossier list shows (DossierSummary), as stored top-level attributes. */
export const DOSSIER_LIST_ATTRIBUTES = [
  'code', 'status', 'procedure', 'channel', 'applicantName', 'currentUnit', 'submittedAt', 'acceptedAt', 'dueAt', 'finishedAt',
];

export const dossiersTable: TableDef = {
  name: 'dossiers',
  envVar: 'DOSSIERS_TABLE',
  partitionKey: 'pk',
  sortKey: 'sk',
  // The list views read the indexes; they carry a dossier's summary, not its history and personal data, so a
  // change to a dossier costs one small index write instead of a second copy of the whole item.
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: DOSSIER_LIST_ATTRIBUTES },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: DOSSIER_LIST_ATTRIBUTES },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: DOSSIER_LIST_ATTRIBUTES },
  ],
  stream: true,
};
