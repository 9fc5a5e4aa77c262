// Wires the dossier service's ports to DynamoDB and S3: the handler uses it, and so does the capacity bench.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/clock';
import { mailRequestItem } from '#shared/outbox';
import { quotaMeter, type PolicyReader } from '#shared/quota';
import { calendarWorkingTime } from './calendar/service';
import { dynamoCalendarStore, type CalendarStore } from './calendar/store';
import { uploadFiles } from './files';
import { dynamoProcedureStore, type ProcedureStore } from './procedures/store';
import type { DossierDeps } from './service';
import { dynamoDossierStore } from './store';
import { dossiersTable } from './tables';

export interface DossierWiring {
  deps: DossierDeps;
  procedureStore: ProcedureStore;
  calendars: CalendarStore;
}

export function dossierDeps(options: {
  db: DynamoDBDocumentClient; s3: S3Client; table: string; uploadsTable: string; outboxTable: string; bucket: string; clock: Clock;
  /** Where the tenant's quotas are read (the registry in the function); without it submissions are not counted. */
  quotas?: PolicyReader;
}): DossierWiring {
  const { db, table, clock } = options;
  const procedureStore = dynamoProcedureStore(db, table);
  const calendars = dynamoCalendarStore(db, table);
  return {
    procedureStore,
    calendars,
    deps: {
      store: dynamoDossierStore(db, table),
      outbox: { item: (request) => mailRequestItem(options.outboxTable, request) },
      procedures: { getPublished: procedureStore.getPublished, getVersion: (t, code, v) => procedureStore.getVersion(t, code, v) },
      files: uploadFiles(db, options.s3, options.uploadsTable, options.bucket),
      workingTime: calendarWorkingTime(calendars),
      clock,
      ...(options.quotas ? { quota: quotaMeter(db, dossiersTable, table, options.quotas) } : {}),
    },
  };
}
