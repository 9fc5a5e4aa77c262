// Invoices and cost per tenant and month (docs/billing.md). Usage itself is ../metering's.
import { defineRoutes } from '#shared/http/route';
import { BillingParams, CostQuery, CostView, InvoiceQuery, InvoiceView } from './schemas';

export const billingRoutes = defineRoutes({
  getInvoice: {
    method: 'GET', path: '/platform/v1/tenants/{id}/invoice', access: 'operator', params: BillingParams, query: InvoiceQuery, response: InvoiceView,
    produces: ['text/csv'],
    summary: 'Hóa đơn tháng của thuê bao (JSON hoặc CSV) / A tenant\'s invoice for a month (JSON or CSV)',
  },
  getCost: {
    method: 'GET', path: '/platform/v1/tenants/{id}/cost', access: 'operator', params: BillingParams, query: CostQuery, response: CostView,
    summary: 'Chi phí AWS ước tính của thuê bao trong tháng, so với doanh thu / A tenant\'s estimated AWS cost for a month, next to its revenue',
  },
});
