// One demo dossier the tests and the dossier bench submit: a birth registration (Đăng ký khai sinh) in Nghệ An's
// first commune, whose seeded procedure needs a declaration and a birth certificate.
import { pdfBytes, uploadFile } from './support';

export const BIRTH = '1.001193.000.00.00.H41';
export const BIRTH_UNIT = '000.00.31.H41';

export const applicant = {
  fullName: 'Nguyễn Thị Hoa', idNumber: '040190001234', phone: '0912 345 678', address: 'Số 5, đường Lê Lợi, phường Trường Vinh, Nghệ An',
};

export const birthForm = {
  hoTenTre: 'Nguyễn Văn An', ngaySinh: '2026-11-20', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Sản Nhi Nghệ An',
  hoTenMe: 'Nguyễn Thị Hoa', cccdMe: '040190001234', quanHe: 'Mẹ', soDienThoai: '0912345678',
};

/** The two required documents, uploaded by `token`'s user (only they may use them). */
export async function birthDocuments(token: string) {
  return [
    { requirementId: 'to-khai', uploadId: await uploadFile('nghean', token, 'tờ khai khai sinh.pdf', 'application/pdf', pdfBytes('to khai')) },
    { requirementId: 'giay-chung-sinh', uploadId: await uploadFile('nghean', token, 'giấy chứng sinh.pdf', 'application/pdf', pdfBytes('chung sinh')) },
  ];
}
