// AWS list prices the cost report uses (docs/billing.md), as data with their region, date and source: on-demand, no
// free tier, no Savings Plans, first pricing tier only. Change them here (with the date) when AWS changes them.

export interface Price {
  usd: number;
  /** What one `usd` buys. */
  per: string;
  /** Where the price was read, and whether it was checked against that source when recorded. */
  source: string;
  checked: boolean;
}

export interface PriceSheet {
  region: string;
  /** The day the prices were recorded (YYYY-MM-DD). */
  asOf: string;
  dynamodb: { readRequestUnitsPerMillion: Price; writeRequestUnitsPerMillion: Price; storageGbMonth: Price };
  lambda: { arm64GbSecond: Price; requestsPerMillion: Price };
  apiGateway: { httpRequestsPerMillion: Price };
  s3: { standardGbMonth: Price; putPerThousand: Price; getPerThousand: Price };
  /** VND for one USD, the bank's selling rate on `asOf`. */
  usdToVnd: { rate: number; source: string; checked: boolean };
}

const LAMBDA_PAGE = 'https://aws.amazon.com/lambda/pricing/';
const DDB_PAGE = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';

/**
 * Asia Pacific (Singapore), where the tenants' stacks run. The Lambda arm64 rate is AWS's base rate, which
 * ap-southeast-1 keeps (regions with another rate are listed apart, e.g. in Artillery's lib/platform/aws-lambda/
 * prices.js); DynamoDB's on-demand rates are after the November 2024 price cut (50% off request units).
 */
export const AWS_PRICES: PriceSheet = {
  region: 'ap-southeast-1',
  asOf: '2025-10-01',
  dynamodb: {
    readRequestUnitsPerMillion: { usd: 0.1425, per: '1,000,000 read request units', source: DDB_PAGE, checked: false },
    writeRequestUnitsPerMillion: { usd: 0.7125, per: '1,000,000 write request units', source: DDB_PAGE, checked: false },
    storageGbMonth: { usd: 0.285, per: 'GB-month (Standard table class, after the first 25 GB)', source: DDB_PAGE, checked: false },
  },
  lambda: {
    arm64GbSecond: { usd: 0.0000133334, per: 'GB-second (arm64, first 7.5 billion GB-s a month)', source: `${LAMBDA_PAGE}; artillery@2.0.28 lib/platform/aws-lambda/prices.js (base arm64 rate, no ap-southeast-1 override)`, checked: true },
    requestsPerMillion: { usd: 0.2, per: '1,000,000 requests', source: LAMBDA_PAGE, checked: true },
  },
  apiGateway: {
    httpRequestsPerMillion: { usd: 1.25, per: '1,000,000 HTTP API requests (first 300 million a month, 512 KB each)', source: 'https://aws.amazon.com/api-gateway/pricing/', checked: false },
  },
  s3: {
    standardGbMonth: { usd: 0.025, per: 'GB-month (S3 Standard, first 50 TB)', source: 'https://aws.amazon.com/s3/pricing/', checked: false },
    putPerThousand: { usd: 0.005, per: '1,000 PUT, COPY, POST or LIST requests', source: 'https://aws.amazon.com/s3/pricing/', checked: false },
    getPerThousand: { usd: 0.0004, per: '1,000 GET and other requests', source: 'https://aws.amazon.com/s3/pricing/', checked: false },
  },
  usdToVnd: { rate: 26_300, source: 'Vietcombank selling rate, rounded (https://www.vietcombank.com.vn/vi-VN/KHCN/Cong-cu-tien-ich/Ty-gia)', checked: false },
};
