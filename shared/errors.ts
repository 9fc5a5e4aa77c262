// One error shape for the whole suite: { error: { code, message, messageEn, details? } }.
// `message` is Vietnamese (what a citizen or official reads first); `messageEn` is the English second.

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    override readonly message: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, vi: string, en: string, details?: unknown) => new AppError(400, code, vi, en, details);
export const unauthorized = () =>
  new AppError(401, 'UNAUTHORIZED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 'Sign-in is required.');
export const forbidden = (code: string, vi: string, en: string) => new AppError(403, code, vi, en);
export const notFound = (code: string, vi: string, en: string) => new AppError(404, code, vi, en);
export const conflict = (code: string, vi: string, en: string, details?: unknown) => new AppError(409, code, vi, en, details);

export const tenantNotFound = () =>
  notFound('TENANT_NOT_FOUND', 'Không tìm thấy tỉnh/thành phố này trên hệ thống.', 'No such tenant (province).');
export const wrongTenant = () =>
  forbidden('TENANT_MISMATCH', 'Tài khoản của bạn không thuộc tỉnh/thành phố này.', 'Your account belongs to another tenant.');
export const missingRole = () =>
  forbidden('FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.', 'Your role does not allow this action.');

export interface ErrorBody {
  error: { code: string; message: string; messageEn: string; details?: unknown };
}

export function errorBody(err: AppError): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.message,
      messageEn: err.messageEn,
      ...(err.details === undefined ? {} : { details: err.details }),
    },
  };
}

/** What a client sees for anything that is our fault: no internals, ever. */
export const internalError = () =>
  new AppError(500, 'INTERNAL_ERROR', 'Hệ thống đang gặp sự cố, vui lòng thử lại sau.', 'Something went wrong on our side; please try again later.');
