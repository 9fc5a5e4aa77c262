// The applicant's form checked against the procedure version's typed fields.
import * as z from 'zod';
import type { FormField } from './procedures/schemas';

/** Citizen identity card (CCCD) number: 12 digits. */
export const CccdNumber = z.string().trim().regex(/^\d{12}$/, { message: 'số CCCD gồm 12 chữ số (a CCCD number has 12 digits)' });

/** A Vietnamese mobile or landline number: 0 or +84, then 9 (mobile) or 9–10 (landline) digits. */
export const VietnamPhone = z.string().trim().transform((p) => p.replace(/[\s.-]/g, '')).pipe(
  z.string().regex(/^(?:\+84|0)(?:[35789]\d{8}|2\d{9})$/, { message: 'số điện thoại Việt Nam không hợp lệ (not a Vietnamese phone number)' }),
);

/** The same number written one way: `0…`, so `+84 912 345 678` and `0912345678` match. */
export const normalizePhone = (phone: string): string => phone.replace(/[\s.-]/g, '').replace(/^\+84/, '0');

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'ngày có dạng YYYY-MM-DD (a date like 2026-11-24)' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { message: 'ngày không tồn tại (no such date)' });

function fieldSchema(field: FormField): z.ZodType {
  switch (field.type) {
    case 'text': return z.string().trim().min(1).max(field.maxLength ?? 1000);
    case 'number': {
      let n = z.number();
      if (field.min !== undefined) n = n.min(field.min);
      if (field.max !== undefined) n = n.max(field.max);
      return n;
    }
    case 'date': return IsoDate;
    case 'select': return z.enum(field.options as [string, ...string[]]);
    case 'cccd': return CccdNumber;
    case 'phone': return VietnamPhone;
  }
}

/** A strict object: unknown fields are refused, required ones must be there, each typed as the procedure says. */
export function formSchema(fields: readonly FormField[]) {
  return z.strictObject(Object.fromEntries(fields.map((f) => [f.id, f.required ? fieldSchema(f) : fieldSchema(f).optional()])));
}
