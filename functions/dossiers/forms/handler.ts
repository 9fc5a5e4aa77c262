// Lambda entry of the dossier forms (dossier-forms): reads dossiers, writes and signs PDFs in the files bucket.
import { requireEnv } from '#shared/config';
import { systemClock } from '#shared/clock';
import { documentClient } from '#shared/ddb';
import { httpHandler } from '#shared/http/handler';
import { FILES_BUCKET_ENV, s3Client } from '#shared/s3';
import { findTenant } from '#shared/tenancy';
import { dossiersTable } from '../tables';
import { renderForm } from './render';
import { formRoutes } from './routes';
import { getDossierFile, getForm, type FormsDeps } from './service';
import { dynamoFormSources, s3FormFiles } from './store';

const deps: FormsDeps = {
  sources: dynamoFormSources(documentClient(), requireEnv(dossiersTable.envVar), findTenant),
  files: s3FormFiles(s3Client(), requireEnv(FILES_BUCKET_ENV)),
  render: renderForm,
  clock: systemClock,
};

export const handler = httpHandler('dossier-forms', formRoutes, {
  getReceiptForm: async ({ tenant, caller, params }) => getForm(deps, tenant, caller, params.code, 'receipt'),
  getApologyForm: async ({ tenant, caller, params }) => getForm(deps, tenant, caller, params.code, 'apology'),
  getDossierFile: async ({ tenant, caller, params }) => getDossierFile(deps, tenant, caller, params.code, params.uploadId),
});
