// Responses of the form and file routes: where to download the file, for a few minutes.
import * as z from 'zod';

export const FormLink = z.object({
  url: z.string().describe('GET the PDF here until expiresAt (presigned, 5 minutes); ask again for a new URL'),
  expiresAt: z.string().describe('ISO 8601 with the +07:00 offset'),
  fileName: z.string().describe('the name a browser saves it under'),
  sha256: z.string().describe('hex SHA-256 of the PDF: the same on every request until the dossier changes what the form says'),
});
export type FormLink = z.infer<typeof FormLink>;

export const DossierFileParams = z.strictObject({ tenant: z.string(), code: z.string().min(1).max(64), uploadId: z.uuid() });
