// Response of the form routes: where to download the PDF, for a few minutes.
import * as z from 'zod';

export const FormLink = z.object({
  url: z.string().describe('GET the PDF here until expiresAt (presigned, 5 minutes); ask again for a new URL'),
  expiresAt: z.string().describe('ISO 8601 with the +07:00 offset'),
  fileName: z.string().describe('the name a browser saves it under'),
  sha256: z.string().describe('hex SHA-256 of the PDF: the same on every request until the dossier changes what the form says'),
});
export type FormLink = z.infer<typeof FormLink>;
