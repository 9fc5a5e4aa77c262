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

// ---- Beside the given shapes: the catalogue's own rules, the stored records and the HTTP shapes. ----

const STEP_ROLES = ROLES.filter((r) => r !== 'citizen') as [Exclude<(typeof ROLES)[number], 'citizen'>, ...Exclude<(typeof ROLES)[number], 'citizen'>[]];

/**
 * What a tenant-admin may save: ProcedureContent plus the rules of the catalogue that the content schema does not
 * carry: every step is done by an official (never the citizen), and a number field's min is not above its max.
 */
export const ProcedureInput = ProcedureContent.superRefine((p, ctx) => {
  p.steps.forEach((s, i) => {
    if (!(STEP_ROLES as readonly string[]).includes(s.role)) {
      ctx.addIssue({ code: 'custom', path: ['steps', i, 'role'], message: `bước xử lý do cán bộ thực hiện: ${STEP_ROLES.join(', ')} (a step is done by an official)` });
    }
  });
  p.form.forEach((f, i) => {
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) {
      ctx.addIssue({ code: 'custom', path: ['form', i, 'min'], message: 'min lớn hơn max (min is above max)' });
    }
    if (f.options && f.type !== 'select') {
      ctx.addIssue({ code: 'custom', path: ['form', i, 'options'], message: 'chỉ trường lựa chọn (select) có options (only a select field has options)' });
    }
  });
});

/** Largest version number: versions are stored under sk `V#` + 4 digits so they sort. */
export const MAX_VERSION = 9999;
const VersionNumber = z.number().int().positive().max(MAX_VERSION);

/**
 * A version as the administrators see it: `revision` counts the saves of its content (1 when written, +1 at each
 * replacement of the draft); with `version` it is the token an edit sends back (PUT body).
 */
export const AdminProcedureVersion = ProcedureVersion.extend({ revision: z.number().int().positive() });
export type AdminProcedureVersion = z.infer<typeof AdminProcedureVersion>;

/** The catalogue line of a procedure (item pk `{tenant}#PROC`, sk `{code}`), storage attributes dropped. */
export const ProcedureSummary = z.object({
  code: ProcedureCode,
  name: z.string(),
  field: z.string(),
  unit: AgencyCode,
  level: ServiceLevel,
  processingDays: z.number().nullable(),
  fee: z.number(),
  /** Number and status of the newest version. */
  latestVersion: VersionNumber,
  latestStatus: z.enum(PROCEDURE_STATUSES),
  /** The version citizens see and submit under; absent until the first publication. */
  publishedVersion: VersionNumber.optional(),
  publishedAt: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProcedureSummary = z.infer<typeof ProcedureSummary>;

/** A line of the public catalogue: the published version's listing fields. */
export const PublicProcedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  unit: z.string(),
  level: ServiceLevel,
  processingDays: z.number().nullable(),
  fee: z.number(),
  version: z.number().int(),
  publishedAt: z.string().optional(),
});
export type PublicProcedureSummary = z.infer<typeof PublicProcedureSummary>;

const Limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const Cursor = z.string().max(1024).optional();

export const TenantParams = z.strictObject({ tenant: z.string() });
export const ProcedureParams = z.strictObject({ tenant: z.string(), code: ProcedureCode });
export const ProcedureVersionParams = z.strictObject({ tenant: z.string(), code: ProcedureCode, version: z.coerce.number().pipe(VersionNumber) });

export const ListProceduresQuery = z.strictObject({
  field: z.string().trim().min(1).max(200).optional().describe('lĩnh vực, without diacritics or case mattering'),
  level: z.coerce.number().pipe(ServiceLevel).optional(),
  unit: AgencyCode.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('words of the name or the field, without diacritics or case mattering'),
  limit: Limit(100, 20),
  cursor: Cursor,
});
export type ListProceduresQuery = z.infer<typeof ListProceduresQuery>;

export const ProcedurePage = z.object({ items: z.array(PublicProcedureSummary), cursor: z.string().optional() });

export const ListVersionsQuery = z.strictObject({ limit: Limit(50, 20), cursor: Cursor });
export const ProcedureVersionPage = z.object({ items: z.array(AdminProcedureVersion), cursor: z.string().optional() });

/**
 * PUT body. `version` and `revision` are those of the latest version you read: if that version is a draft it is
 * replaced (revision + 1); if it is published a new draft `version + 1` is made from `content`. Anything newer in
 * between answers 409 VERSION_CONFLICT.
 */
export const UpdateProcedure = z.strictObject({
  version: VersionNumber.describe('the latest version you read'),
  revision: z.number().int().positive().describe('the revision of that version you read'),
  content: ProcedureInput,
});
export type UpdateProcedure = z.infer<typeof UpdateProcedure>;

export const PublishProcedure = z.strictObject({
  version: VersionNumber.describe('the latest version, a draft'),
  revision: z.number().int().positive().optional().describe('if given, the draft must still be at this revision'),
});
export type PublishProcedure = z.infer<typeof PublishProcedure>;
