// The forms' HTTP routes (Circular 03/2025/TT-VPCP, Annex I), served by their own function (dossier-forms) so the
// dossiers function carries neither the PDF writer nor the font. Declarations only: the catalog and OpenAPI import it.
import { defineRoutes } from '#shared/http/route';
import { DossierParams } from '../schemas';
import { DossierFileParams, FormLink } from './schemas';

export const formRoutes = defineRoutes({
  getReceiptForm: {
    method: 'GET', path: '/v1/{tenant}/dossiers/{code}/forms/receipt', access: 'authenticated', params: DossierParams, response: FormLink,
    summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu số 01, PDF) / The receipt and appointment slip (form 01), a PDF',
  },
  getApologyForm: {
    method: 'GET', path: '/v1/{tenant}/dossiers/{code}/forms/apology', access: 'authenticated', params: DossierParams, response: FormLink,
    summary: 'Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu số 04, PDF) / The apology letter with a new date (form 04), a PDF',
  },
  getDossierFile: {
    method: 'GET', path: '/v1/{tenant}/dossiers/{code}/files/{uploadId}', access: 'authenticated', params: DossierFileParams, response: FormLink,
    summary: 'Tải một tệp của hồ sơ (thành phần hồ sơ, bổ sung, kết quả) / Download a file of a dossier (a document, a supplement, the result)',
  },
});
