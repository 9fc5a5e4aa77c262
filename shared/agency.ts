// Agency identifier (mã định danh) of a unit: 13 characters `xxx.yy.zz.Xnn`, e.g. `000.00.00.H41`.
import * as z from 'zod';

export const AGENCY_CODE_PATTERN = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

export const AgencyCode = z
  .string()
  .regex(AGENCY_CODE_PATTERN, { message: 'Mã định danh phải có dạng xxx.yy.zz.Xnn, ví dụ 000.00.00.H41 (agency code must look like 000.00.00.H41)' });
