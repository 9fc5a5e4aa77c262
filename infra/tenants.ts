// Loads tenants/<id>.json: validated at synth and at local start; an invalid file stops both, naming the file and field.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TenantFile, type Tenant } from '#shared/tenant';

export const TENANTS_DIR = join(import.meta.dirname, '..', 'tenants');

export class TenantFileError extends Error {}

export function parseTenantFile(file: string, text: string): Tenant {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new TenantFileError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  const result = TenantFile.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${file}: field "${i.path.join('.') || '(root)'}": ${i.message}`);
    throw new TenantFileError(lines.join('\n'));
  }
  const expectedId = basename(file, '.json');
  if (result.data.id !== expectedId) {
    throw new TenantFileError(`${file}: field "id": must equal the file name (${expectedId})`);
  }
  return result.data;
}

export function loadTenants(dir: string = TENANTS_DIR): Tenant[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) throw new TenantFileError(`${dir}: no tenant files`);
  return files.map((f) => parseTenantFile(join(dir, f), readFileSync(join(dir, f), 'utf8')));
}
