// Administrative procedures (thủ tục hành chính): what a citizen must provide and how the province handles it.
import * as z from 'zod';
import { AgencyCode } from '#shared/agency';
import { ROLES } from '#shared/http/route';

/** National procedure code, e.g. `1.001193` or the full form `2.000815.000.00.00.H55`. */
export const ProcedureCode = z.string().regex(/^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/, {
  message: 'mã thủ tục có dạng 1.001193 hoặc 2.000815.000.00.00.H55 (procedure code like 1.001193 or 2.000815.000.00.00.H55)',
});

/** 2: information only; 3: partly online (một phần); 4: fully online (toàn trình). */
export const ServiceLevel = z.union([z.literal(2), z.literal(3), z.literal(4)]);

export const FORM_FIELD_TYPES = ['text', 'number', 'date', 'select', 'cccd', 'phone'] as const;

export const FormField = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
  label: z.string().min(1).max(200),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  /** For select. */
  options: z.array(z.string().min(1).max(200)).min(1).max(100).optional(),
  /** For text. */
  maxLength: z.number().int().min(1).max(5000).optional(),
  /** For number. */
  min: z.number().optional(),
  max: z.number().optional(),
}).refine((f) => f.type !== 'select' || (f.options?.length ?? 0) > 0, { message: 'a select field needs options', path: ['options'] });
export type FormField = z.infer<typeof FormField>;

export const DocumentRequirement = z.strictObject({
  id: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,39}$/),
  name: z.string().min(1).max(300),
  required: z.boolean(),
  /** MIME types accepted for this document. */
  contentTypes: z.array(z.string().min(3).max(100)).min(1).max(10),
  /** Number of originals/copies the applicant brings in person, as the national catalogue states it. */
  copies: z.string().max(100).optional(),
});
export type DocumentRequirement = z.infer<typeof DocumentRequirement>;

export const WorkflowStep = z.strictObject({
  name: z.string().min(1).max(200),
  unit: AgencyCode,
  role: z.enum(ROLES),
  /** Share of the processing time, in percent; the steps' shares add up to 100. */
  share: z.number().min(0).max(100),
});

const ProcedureFields = z.strictObject({
  code: ProcedureCode,
  name: z.string().trim().min(3).max(500),
  field: z.string().trim().min(2).max(200),
  unit: AgencyCode.describe('the handling (receiving) unit: its agency code prefixes the dossier codes'),
  level: ServiceLevel,
  /** Working days; null: the procedure has no due date. */
  processingDays: z.number().min(0.5).max(365).nullable(),
  /** VND; 0 when free. */
  fee: z.number().int().min(0).max(1_000_000_000),
  feeNote: z.string().max(500).optional(),
  documents: z.array(DocumentRequirement).max(50),
  form: z.array(FormField).max(100),
  steps: z.array(WorkflowStep).min(1).max(20),
  legalBasis: z.string().max(2000).optional(),
});

/** What a tenant-admin writes; a version adds its number, status and dates. */
export const ProcedureContent = ProcedureFields.superRefine((p, ctx) => {
  const total = p.steps.reduce((sum, s) => sum + s.share, 0);
  if (Math.abs(total - 100) > 0.01) ctx.addIssue({ code: 'custom', path: ['steps'], message: `the steps' shares must add up to 100 (they add up to ${total})` });
  const dup = (ids: string[]) => ids.find((id, i) => ids.indexOf(id) !== i);
  const docDup = dup(p.documents.map((d) => d.id));
  if (docDup) ctx.addIssue({ code: 'custom', path: ['documents'], message: `duplicate document id ${docDup}` });
  const fieldDup = dup(p.form.map((f) => f.id));
  if (fieldDup) ctx.addIssue({ code: 'custom', path: ['form'], message: `duplicate form field id ${fieldDup}` });
});
export type ProcedureContent = z.infer<typeof ProcedureContent>;

export const PROCEDURE_STATUSES = ['draft', 'published'] as const;

/** A stored version (not strict: storage attributes such as search keys are dropped when read). */
export const ProcedureVersion = z.object({
  ...ProcedureFields.shape,
  version: z.number().int().positive(),
  status: z.enum(PROCEDURE_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().optional(),
});
export type ProcedureVersion = z.infer<typeof ProcedureVersion>;
