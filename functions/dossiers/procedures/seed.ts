// Demo catalogue of a province after the 2025 reform (two tiers: province and commune). Codes, fees, times and
// handling units are SAMPLES to confirm against the national catalogue (csdl.dichvucong.gov.vn) and the province's
// own publication decision: see docs/procedures.md for what each rests on.
import type { Clock } from '#shared/clock';
import { ProcedureInput, type DocumentRequirement, type FormField, type ProcedureContent } from './schemas';
import * as procedures from './service';
import type { ProcedureStore } from './store';

export interface SeedTenant {
  id: string;
  rootAgency: string;
}

const FILES = ['application/pdf', 'image/jpeg', 'image/png'];
const PDF = ['application/pdf'];

const doc = (id: string, name: string, required: boolean, copies?: string, contentTypes = FILES): DocumentRequirement =>
  ({ id, name, required, contentTypes, ...(copies ? { copies } : {}) });

const text = (id: string, label: string, required = true, maxLength = 200): FormField => ({ id, label, type: 'text', required, maxLength });
const date = (id: string, label: string, required = true): FormField => ({ id, label, type: 'date', required });
const cccd = (id: string, label: string, required = true): FormField => ({ id, label, type: 'cccd', required });
const phone = (id = 'soDienThoai', label = 'Số điện thoại liên hệ'): FormField => ({ id, label, type: 'phone', required: true });
const number = (id: string, label: string, min: number, max: number, required = true): FormField => ({ id, label, type: 'number', required, min, max });
const select = (id: string, label: string, options: string[], required = true): FormField => ({ id, label, type: 'select', required, options });

type Step = ProcedureContent['steps'][number];

/** The usual path in one unit: the one-stop desk receives, an official examines, the head signs, the desk returns. */
function oneUnit(unit: string, examine = 'Thẩm định hồ sơ'): Step[] {
  return [
    { name: 'Tiếp nhận hồ sơ', unit, role: 'clerk', share: 10 },
    { name: examine, unit, role: 'officer', share: 60 },
    { name: 'Phê duyệt, ký kết quả', unit, role: 'leader', share: 20 },
    { name: 'Trả kết quả', unit, role: 'clerk', share: 10 },
  ];
}

/**
 * The demo procedures of a tenant, handled by its demo units (local/seed-data.ts demoUnits): the People's
 * Committee (rootAgency), departments `000.0N.00.<suffix>` and communes `000.00.3N.<suffix>`.
 */
export function demoProcedures(tenant: SeedTenant): ProcedureContent[] {
  const suffix = tenant.rootAgency.slice(-3);
  const code = (national: string) => `${national}.000.00.00.${suffix}`;
  const ubnd = tenant.rootAgency;
  const dept = (n: number) => `000.0${n}.00.${suffix}`;
  const commune = (n: number) => `000.00.${30 + n}.${suffix}`;
  const [vanPhong, tuPhap, taiChinh, xayDung, noiVu, vanHoa] = [1, 2, 3, 4, 5, 6].map(dept) as [string, string, string, string, string, string];

  const hoTich = 'Hộ tịch';
  const hoTichBasis = 'Luật Hộ tịch năm 2014; Nghị định số 123/2015/NĐ-CP; Thông tư số 04/2020/TT-BTP.';
  const sexes = ['Nam', 'Nữ'];

  return [
    {
      code: code('1.001193'), name: 'Đăng ký khai sinh', field: hoTich, unit: commune(1), level: 4, processingDays: 1, fee: 0,
      feeNote: 'Miễn lệ phí khi đăng ký khai sinh đúng hạn.',
      documents: [
        doc('to-khai', 'Tờ khai đăng ký khai sinh (theo mẫu)', true, '01 bản chính'),
        doc('giay-chung-sinh', 'Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh', true, '01 bản chính'),
        doc('uy-quyen', 'Văn bản ủy quyền (khi nộp thay)', false, '01 bản chính'),
      ],
      form: [
        text('hoTenTre', 'Họ, chữ đệm và tên của trẻ'), date('ngaySinh', 'Ngày sinh'), select('gioiTinh', 'Giới tính', sexes),
        text('noiSinh', 'Nơi sinh', true, 300), text('hoTenMe', 'Họ và tên mẹ'), cccd('cccdMe', 'Số CCCD của mẹ'),
        text('hoTenCha', 'Họ và tên cha', false), cccd('cccdCha', 'Số CCCD của cha', false),
        select('quanHe', 'Quan hệ của người đi đăng ký với trẻ', ['Cha', 'Mẹ', 'Ông/bà', 'Người thân thích khác']), phone(),
      ],
      steps: oneUnit(commune(1), 'Công chức tư pháp - hộ tịch kiểm tra, ghi sổ hộ tịch'),
      legalBasis: hoTichBasis,
    },
    {
      code: code('1.000894'), name: 'Đăng ký kết hôn', field: hoTich, unit: commune(1), level: 3, processingDays: 1, fee: 0,
      feeNote: 'Miễn lệ phí đối với công dân Việt Nam cư trú ở trong nước.',
      documents: [
        doc('to-khai', 'Tờ khai đăng ký kết hôn (theo mẫu)', true, '01 bản chính'),
        doc('xac-nhan-hon-nhan', 'Giấy xác nhận tình trạng hôn nhân (khi đăng ký ở nơi không thường trú)', false, '01 bản chính'),
      ],
      form: [
        text('hoTenChong', 'Họ và tên bên nam'), cccd('cccdChong', 'Số CCCD bên nam'), date('ngaySinhChong', 'Ngày sinh bên nam'),
        text('hoTenVo', 'Họ và tên bên nữ'), cccd('cccdVo', 'Số CCCD bên nữ'), date('ngaySinhVo', 'Ngày sinh bên nữ'),
        date('ngayDuKien', 'Ngày dự kiến đến nhận Giấy chứng nhận kết hôn', false), phone(),
      ],
      steps: oneUnit(commune(1), 'Kiểm tra điều kiện kết hôn, ghi sổ hộ tịch'),
      legalBasis: `Luật Hôn nhân và gia đình năm 2014; ${hoTichBasis}`,
    },
    {
      code: code('1.000656'), name: 'Đăng ký khai tử', field: hoTich, unit: commune(1), level: 4, processingDays: 1, fee: 0,
      feeNote: 'Miễn lệ phí khi đăng ký khai tử đúng hạn.',
      documents: [
        doc('to-khai', 'Tờ khai đăng ký khai tử (theo mẫu)', true, '01 bản chính'),
        doc('giay-bao-tu', 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử', true, '01 bản chính'),
      ],
      form: [
        text('hoTenNguoiChet', 'Họ và tên người chết'), cccd('cccdNguoiChet', 'Số CCCD của người chết', false),
        date('ngayChet', 'Ngày chết'), text('noiChet', 'Nơi chết', true, 300),
        select('quanHe', 'Quan hệ với người chết', ['Vợ/chồng', 'Con', 'Cha/mẹ', 'Người thân thích khác', 'Đại diện cơ quan, tổ chức']),
        phone(),
      ],
      steps: oneUnit(commune(1), 'Kiểm tra, ghi sổ hộ tịch'),
      legalBasis: hoTichBasis,
    },
    {
      code: code('1.004873'), name: 'Cấp Giấy xác nhận tình trạng hôn nhân', field: hoTich, unit: commune(1), level: 4, processingDays: 3, fee: 10_000,
      feeNote: 'Mức lệ phí do Hội đồng nhân dân tỉnh quy định.',
      documents: [
        doc('to-khai', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', true, '01 bản chính'),
        doc('ban-an-ly-hon', 'Bản án, quyết định ly hôn đã có hiệu lực (nếu đã từng kết hôn)', false, '01 bản sao'),
      ],
      form: [
        text('hoTen', 'Họ và tên người yêu cầu'), cccd('cccd', 'Số CCCD'), date('ngaySinh', 'Ngày sinh'),
        select('mucDich', 'Mục đích sử dụng', ['Đăng ký kết hôn', 'Mục đích khác']), text('mucDichKhac', 'Mục đích khác (ghi rõ)', false), phone(),
      ],
      steps: oneUnit(commune(1), 'Kiểm tra, xác minh tình trạng hôn nhân'),
      legalBasis: hoTichBasis,
    },
    {
      code: code('2.000815'),
      name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
      field: 'Chứng thực', unit: commune(2), level: 3, processingDays: 1, fee: 2_000,
      feeNote: '2.000 đồng/trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản. Xuất trình bản chính khi nhận kết quả.',
      documents: [
        doc('ban-chinh', 'Bản chụp bản chính giấy tờ, văn bản cần chứng thực', true, 'Xuất trình bản chính'),
      ],
      form: [
        text('tenGiayTo', 'Tên giấy tờ, văn bản'), number('soTrang', 'Số trang', 1, 500), number('soBan', 'Số bản cần chứng thực', 1, 50),
        phone(),
      ],
      steps: oneUnit(commune(2), 'Đối chiếu bản chính, chứng thực'),
      legalBasis: 'Nghị định số 23/2015/NĐ-CP; Thông tư số 226/2016/TT-BTC.',
    },
    {
      code: code('2.000884'), name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', field: 'Chứng thực', unit: commune(2), level: 3,
      processingDays: 1, fee: 10_000, feeNote: '10.000 đồng/trường hợp. Người yêu cầu ký trước mặt người thực hiện chứng thực.',
      documents: [
        doc('giay-to', 'Giấy tờ, văn bản cần chứng thực chữ ký', true, '01 bản'),
      ],
      form: [text('hoTen', 'Họ và tên người ký'), cccd('cccd', 'Số CCCD người ký'), text('tenGiayTo', 'Tên giấy tờ, văn bản'), phone()],
      steps: oneUnit(commune(2), 'Kiểm tra, chứng thực chữ ký'),
      legalBasis: 'Nghị định số 23/2015/NĐ-CP; Thông tư số 226/2016/TT-BTC.',
    },
    {
      code: code('1.001612'), name: 'Đăng ký thành lập hộ kinh doanh', field: 'Thành lập và hoạt động của hộ kinh doanh', unit: commune(3), level: 4,
      processingDays: 3, fee: 100_000, feeNote: 'Mức lệ phí do Hội đồng nhân dân tỉnh quy định; có thể miễn, giảm khi nộp trực tuyến.',
      documents: [
        doc('giay-de-nghi', 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', true, '01 bản chính', PDF),
        doc('bien-ban-hop', 'Biên bản họp thành viên hộ gia đình (khi các thành viên hộ gia đình cùng đăng ký)', false, '01 bản sao'),
        doc('uy-quyen', 'Văn bản ủy quyền (khi nộp thay)', false, '01 bản chính'),
      ],
      form: [
        text('tenHoKinhDoanh', 'Tên hộ kinh doanh'), text('hoTenChuHo', 'Họ và tên chủ hộ kinh doanh'), cccd('cccdChuHo', 'Số CCCD chủ hộ'),
        text('diaChiKinhDoanh', 'Địa điểm kinh doanh', true, 300), text('nganhNghe', 'Ngành, nghề kinh doanh', true, 1000),
        number('vonKinhDoanh', 'Vốn kinh doanh (đồng)', 0, 1e13), number('soLaoDong', 'Số lao động', 0, 10_000, false), phone(),
      ],
      steps: oneUnit(commune(3)),
      legalBasis: 'Luật Doanh nghiệp năm 2020 và các văn bản hướng dẫn về đăng ký hộ kinh doanh.',
    },
    {
      code: code('1.009122'), name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ', field: 'Hoạt động xây dựng', unit: commune(4), level: 4,
      processingDays: 15, fee: 75_000, feeNote: 'Mức lệ phí do Hội đồng nhân dân tỉnh quy định.',
      documents: [
        doc('don-de-nghi', 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', true, '01 bản chính', PDF),
        doc('giay-to-dat', 'Giấy tờ chứng minh quyền sử dụng đất', true, '01 bản sao'),
        doc('ban-ve', 'Bản vẽ thiết kế: mặt bằng, mặt cắt, mặt đứng, móng và đấu nối hạ tầng', true, '02 bộ', PDF),
        doc('cam-ket-lien-ke', 'Cam kết bảo đảm an toàn công trình liền kề (nếu có)', false, '01 bản chính'),
      ],
      form: [
        text('hoTenChuDauTu', 'Họ và tên chủ đầu tư'), cccd('cccd', 'Số CCCD chủ đầu tư'), text('diaDiem', 'Địa điểm xây dựng', true, 300),
        text('thuaDat', 'Số thửa, tờ bản đồ'), number('dienTichDat', 'Diện tích lô đất (m²)', 1, 100_000),
        number('dienTichXayDung', 'Diện tích xây dựng tầng 1 (m²)', 1, 100_000), number('soTang', 'Số tầng', 1, 10), phone(),
      ],
      steps: oneUnit(commune(4), 'Thẩm định hồ sơ, kiểm tra thực địa'),
      legalBasis: 'Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020).',
    },
    {
      code: code('1.009974'), name: 'Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II', field: 'Hoạt động xây dựng', unit: xayDung, level: 3,
      processingDays: 20, fee: 150_000, feeNote: 'Mức lệ phí do Hội đồng nhân dân tỉnh quy định.',
      documents: [
        doc('don-de-nghi', 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', true, '01 bản chính', PDF),
        doc('giay-to-dat', 'Giấy tờ chứng minh quyền sử dụng đất', true, '01 bản sao'),
        doc('quyet-dinh-dau-tu', 'Quyết định phê duyệt dự án, văn bản thẩm định thiết kế', true, '01 bản sao', PDF),
        doc('ban-ve', 'Bản vẽ thiết kế xây dựng', true, '02 bộ', PDF),
      ],
      form: [
        text('chuDauTu', 'Tên chủ đầu tư'), text('tenCongTrinh', 'Tên công trình', true, 300), text('diaDiem', 'Địa điểm xây dựng', true, 300),
        select('capCongTrinh', 'Cấp công trình', ['Cấp I', 'Cấp II']), number('tongDienTichSan', 'Tổng diện tích sàn (m²)', 1, 10_000_000), phone(),
      ],
      steps: oneUnit(xayDung),
      legalBasis: 'Luật Xây dựng năm 2014 (sửa đổi, bổ sung năm 2020).',
    },
    {
      code: code('1.005441'), name: 'Cho phép họp báo (trong nước)', field: 'Báo chí', unit: vanHoa, level: 4, processingDays: 2, fee: 0,
      documents: [
        doc('van-ban-thong-bao', 'Văn bản thông báo tổ chức họp báo (nội dung, thời gian, địa điểm, người chủ trì)', true, '01 bản chính'),
      ],
      form: [
        text('toChuc', 'Cơ quan, tổ chức họp báo'), text('noiDung', 'Nội dung họp báo', true, 2000), date('ngayHop', 'Ngày họp báo'),
        text('diaDiem', 'Địa điểm', true, 300), text('nguoiChuTri', 'Người chủ trì'), phone(),
      ],
      steps: oneUnit(vanHoa, 'Xem xét nội dung, trả lời bằng văn bản'),
      legalBasis: 'Luật Báo chí năm 2016.',
    },
    {
      code: code('1.003868'), name: 'Cấp giấy phép xuất bản tài liệu không kinh doanh', field: 'Xuất bản, In và Phát hành', unit: vanHoa, level: 4,
      processingDays: 10, fee: 0,
      documents: [
        doc('don-de-nghi', 'Đơn đề nghị cấp giấy phép xuất bản tài liệu không kinh doanh (theo mẫu)', true, '01 bản chính', PDF),
        doc('tai-lieu', 'Tài liệu đề nghị cấp phép (bản in hoặc tệp điện tử)', true, '02 bản in hoặc tệp PDF', PDF),
        doc('giay-to-phap-ly', 'Bản sao giấy tờ pháp lý của cơ quan, tổ chức (nếu chưa có trên hệ thống)', false, '01 bản sao'),
      ],
      form: [
        text('toChuc', 'Cơ quan, tổ chức đề nghị'), text('tenTaiLieu', 'Tên tài liệu', true, 300),
        select('hinhThuc', 'Hình thức xuất bản', ['Xuất bản phẩm in', 'Xuất bản phẩm điện tử']), number('soLuong', 'Số lượng in (bản)', 1, 1_000_000),
        text('coSoIn', 'Cơ sở in', false), phone(),
      ],
      steps: oneUnit(vanHoa, 'Thẩm định nội dung tài liệu'),
      legalBasis: 'Luật Xuất bản năm 2012.',
    },
    {
      code: code('3.000333'), name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
      field: 'Lý lịch tư pháp', unit: tuPhap, level: 4, processingDays: 10, fee: 200_000,
      feeNote: '200.000 đồng/lần/người; sinh viên, người có công với cách mạng, thân nhân liệt sĩ: 100.000 đồng; trẻ em, người cao tuổi, người khuyết tật, hộ nghèo: miễn. Từ Phiếu thứ 3 trở đi: 5.000 đồng/Phiếu.',
      documents: [
        doc('to-khai', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)', true, '01 bản chính'),
        doc('giay-to-tuy-than', 'Giấy tờ tùy thân (khi chưa xác thực được qua Cơ sở dữ liệu quốc gia về dân cư)', false, '01 bản chụp'),
        doc('uy-quyen', 'Văn bản ủy quyền (khi yêu cầu Phiếu số 1 qua người được ủy quyền)', false, '01 bản chính'),
      ],
      form: [
        text('hoTen', 'Họ và tên'), cccd('cccd', 'Số CCCD'), date('ngaySinh', 'Ngày sinh'), select('gioiTinh', 'Giới tính', sexes),
        select('loaiPhieu', 'Loại Phiếu', ['Phiếu số 1', 'Phiếu số 2']), number('soLuongPhieu', 'Số lượng Phiếu', 1, 10),
        text('mucDich', 'Mục đích sử dụng', true, 300), phone(),
      ],
      steps: oneUnit(tuPhap, 'Tra cứu, xác minh thông tin lý lịch tư pháp'),
      legalBasis: 'Luật Lý lịch tư pháp năm 2009.',
    },
    {
      code: code('1.014199'), name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', field: 'Việc làm', unit: noiVu,
      level: 4, processingDays: 10, fee: 600_000, feeNote: 'Mức lệ phí do Hội đồng nhân dân tỉnh quy định.',
      documents: [
        doc('van-ban-de-nghi', 'Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động (theo mẫu)', true, '01 bản chính', PDF),
        doc('giay-kham-suc-khoe', 'Giấy chứng nhận sức khỏe', true, '01 bản'),
        doc('ly-lich-tu-phap', 'Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người đang chấp hành hình phạt', true, '01 bản'),
        doc('chuyen-mon', 'Văn bản chứng minh trình độ chuyên môn, kinh nghiệm', true, '01 bản sao'),
        doc('ho-chieu', 'Hộ chiếu', true, '01 bản sao'),
        doc('anh', 'Ảnh màu 4x6 cm, phông nền trắng', true, '02 ảnh', ['image/jpeg', 'image/png']),
      ],
      form: [
        text('nguoiSuDungLaoDong', 'Người sử dụng lao động'), text('hoTenNguoiLaoDong', 'Họ và tên người lao động nước ngoài'),
        text('soHoChieu', 'Số hộ chiếu', true, 20), text('quocTich', 'Quốc tịch', true, 100), text('viTriCongViec', 'Vị trí công việc'),
        date('tuNgay', 'Làm việc từ ngày'), date('denNgay', 'Đến ngày'), phone(),
      ],
      steps: oneUnit(noiVu),
      legalBasis: 'Bộ luật Lao động năm 2019.',
    },
    {
      code: code('2.001610'), name: 'Đăng ký thành lập doanh nghiệp tư nhân', field: 'Thành lập và hoạt động doanh nghiệp', unit: taiChinh, level: 4,
      processingDays: 3, fee: 50_000, feeNote: 'Miễn lệ phí khi đăng ký qua mạng thông tin điện tử.',
      documents: [
        doc('giay-de-nghi', 'Giấy đề nghị đăng ký doanh nghiệp (theo mẫu)', true, '01 bản chính', PDF),
        doc('giay-to-phap-ly', 'Bản sao giấy tờ pháp lý của chủ doanh nghiệp tư nhân (khi chưa xác thực được qua định danh điện tử)', false, '01 bản sao'),
      ],
      form: [
        text('tenDoanhNghiep', 'Tên doanh nghiệp', true, 300), text('hoTenChuDoanhNghiep', 'Họ và tên chủ doanh nghiệp'),
        cccd('cccd', 'Số CCCD chủ doanh nghiệp'), text('diaChiTruSo', 'Địa chỉ trụ sở chính', true, 300),
        text('nganhNghe', 'Ngành, nghề kinh doanh', true, 2000), number('vonDauTu', 'Vốn đầu tư (đồng)', 0, 1e15), phone(),
      ],
      steps: oneUnit(taiChinh),
      legalBasis: 'Luật Doanh nghiệp năm 2020.',
    },
    {
      code: code('2.002441'), name: 'Tiếp công dân tại cấp tỉnh', field: 'Tiếp công dân', unit: vanPhong, level: 2, processingDays: null, fee: 0,
      documents: [doc('don', 'Đơn khiếu nại, tố cáo, kiến nghị, phản ánh (nếu có)', false, '01 bản')],
      form: [],
      steps: [{ name: 'Tiếp công dân, hướng dẫn, xử lý đơn', unit: vanPhong, role: 'officer', share: 100 }],
      legalBasis: 'Luật Tiếp công dân năm 2013.',
    },
    {
      code: code('2.002386'), name: 'Giải quyết khiếu nại lần đầu tại cấp tỉnh', field: 'Giải quyết khiếu nại', unit: ubnd, level: 3, processingDays: 30, fee: 0,
      documents: [
        doc('don-khieu-nai', 'Đơn khiếu nại hoặc văn bản ghi lời khiếu nại', true, '01 bản chính'),
        doc('tai-lieu', 'Tài liệu, chứng cứ liên quan (nếu có)', false),
      ],
      form: [
        text('hoTen', 'Họ và tên người khiếu nại'), cccd('cccd', 'Số CCCD'), text('diaChi', 'Địa chỉ', true, 300),
        text('quyetDinhBiKhieuNai', 'Quyết định hoặc hành vi hành chính bị khiếu nại', true, 1000), text('noiDung', 'Nội dung khiếu nại', true, 5000),
        phone(),
      ],
      steps: [
        { name: 'Tiếp nhận, thụ lý đơn', unit: vanPhong, role: 'clerk', share: 10 },
        { name: 'Xác minh nội dung khiếu nại', unit: vanPhong, role: 'officer', share: 60 },
        { name: 'Chủ tịch UBND tỉnh ban hành quyết định giải quyết', unit: ubnd, role: 'leader', share: 20 },
        { name: 'Gửi quyết định giải quyết khiếu nại', unit: vanPhong, role: 'clerk', share: 10 },
      ],
      legalBasis: 'Luật Khiếu nại năm 2011.',
    },
  ];
}

/**
 * Puts the demo catalogue in a tenant's store, every procedure published. Idempotent: a code that exists is left as
 * it is (an unpublished first draft, from a run that stopped half-way, is published).
 */
export async function seedProcedures(store: ProcedureStore, tenant: SeedTenant, clock: Clock): Promise<{ created: string[]; skipped: string[] }> {
  const deps = { procedures: store, clock };
  const created: string[] = [];
  const skipped: string[] = [];
  for (const content of demoProcedures(tenant).map((p) => ProcedureInput.parse(p))) {
    let summary = await store.getSummary(tenant.id, content.code, { consistent: true });
    if (summary && summary.publishedVersion !== undefined) {
      skipped.push(content.code);
      continue;
    }
    if (!summary) {
      try {
        await procedures.createProcedure(deps, tenant.id, content);
      } catch (err) {
        // Another seeding run created it meanwhile: publish below if still needed.
        if ((err as { code?: string }).code !== 'PROCEDURE_EXISTS') throw err;
      }
      summary = await store.getSummary(tenant.id, content.code, { consistent: true });
    }
    if (summary && summary.publishedVersion === undefined && summary.latestStatus === 'draft') {
      try {
        await procedures.publishProcedure(deps, tenant.id, content.code, { version: summary.latestVersion });
      } catch (err) {
        if ((err as { code?: string }).code !== 'NOT_LATEST_DRAFT') throw err;
      }
    }
    created.push(content.code);
  }
  return { created, skipped };
}
