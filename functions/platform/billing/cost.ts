// A tenant's estimated AWS cost for one month next to its revenue (docs/billing.md): what its deployment consumed
// (shared/consumption.ts: request units, API requests, Lambda invocations and GB-seconds; storage GB-months from
// metering) priced at the list prices of aws-prices.ts. Pure.
import type { Consumption } from '#shared/consumption';
import type { Month } from '#shared/metering';
import type { Price, PriceSheet } from './aws-prices';

export interface CostLine {
  service: 'DynamoDB' | 'Lambda' | 'API Gateway' | 'S3';
  item: string;
  quantity: number;
  unit: string;
  /** USD per `perUnits` units. */
  priceUsd: number;
  perUnits: number;
  costUsd: number;
}

export interface CostReport {
  tenant: string;
  month: Month;
  prices: { region: string; asOf: string; usdToVnd: number };
  consumption: Consumption & { storageGbMonths: number };
  lines: CostLine[];
  costUsd: number;
  costVnd: number;
  /** The invoice's subtotal (before VAT: VAT is collected for the State, not earned). */
  revenueVnd: number;
  marginVnd: number;
  /** margin ÷ revenue, 4 decimals; null when there is no revenue. */
  marginRate: number | null;
  /** What the estimate leaves out, so nobody reads it as the AWS bill. */
  notMeasured: string[];
}

export const NOT_MEASURED = [
  'DynamoDB storage and point-in-time recovery',
  'S3 requests (uploads and downloads go straight to S3 through presigned URLs)',
  'Cognito, KMS, CloudWatch, SES, Secrets Manager and data transfer',
];

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function line(service: CostLine['service'], item: string, quantity: number, unit: string, price: Price, perUnits: number): CostLine {
  return { service, item, quantity, unit, priceUsd: price.usd, perUnits, costUsd: (quantity / perUnits) * price.usd };
}

export function costReport(input: { tenant: string; month: Month; consumption: Consumption; storageGbMonths: number; revenueVnd: number; prices: PriceSheet }): CostReport {
  const { consumption: c, prices: p } = input;
  const lines = [
    line('DynamoDB', 'Đơn vị đọc (read request units)', c.readUnits, 'RRU', p.dynamodb.readRequestUnitsPerMillion, 1e6),
    line('DynamoDB', 'Đơn vị ghi (write request units)', c.writeUnits, 'WRU', p.dynamodb.writeRequestUnitsPerMillion, 1e6),
    // Every function's invocations (HTTP, streams, schedules, inbound, operations, triggers), not only the API's requests.
    line('Lambda', 'Lượt gọi hàm (invocations)', c.invocations, 'invocations', p.lambda.requestsPerMillion, 1e6),
    line('Lambda', 'Thời gian chạy × bộ nhớ (GB-seconds, arm64)', c.gbSeconds, 'GB-s', p.lambda.arm64GbSecond, 1),
    line('API Gateway', 'Yêu cầu HTTP API (requests)', c.requests, 'requests', p.apiGateway.httpRequestsPerMillion, 1e6),
    line('S3', 'Lưu trữ tệp và thư (GB-months)', input.storageGbMonths, 'GB-month', p.s3.standardGbMonth, 1),
  ].map((l) => ({ ...l, costUsd: round(l.costUsd, 6) }));
  const costUsd = round(lines.reduce((sum, l) => sum + l.costUsd, 0), 6);
  const costVnd = Math.round(costUsd * p.usdToVnd.rate);
  const marginVnd = input.revenueVnd - costVnd;
  return {
    tenant: input.tenant, month: input.month,
    prices: { region: p.region, asOf: p.asOf, usdToVnd: p.usdToVnd.rate },
    consumption: { ...c, storageGbMonths: input.storageGbMonths },
    lines, costUsd, costVnd,
    revenueVnd: input.revenueVnd, marginVnd,
    marginRate: input.revenueVnd > 0 ? round(marginVnd / input.revenueVnd, 4) : null,
    notMeasured: NOT_MEASURED,
  };
}
