// Checking the recorded price sheet (aws-prices.ts) against AWS's Price List API (docs/billing.md, "Checking the
// prices"). Pure: the CLI (infra/price-check.ts) fetches the products; here is which product answers for which price,
// how its rate is read, and how the two sheets compare. The machine that builds Tỉnh Số cannot reach AWS, so the sheet
// is recorded by hand; this is how the operator confirms it, in one command, before quoting a margin.
import type { Price, PriceSheet } from './aws-prices';

/** Where a price sits in the sheet: `<service>.<price>`. */
export type PricePath = {
  [S in keyof Omit<PriceSheet, 'region' | 'asOf' | 'usdToVnd'>]: `${S & string}.${keyof PriceSheet[S] & string}`;
}[keyof Omit<PriceSheet, 'region' | 'asOf' | 'usdToVnd'>];

export interface PriceQuery {
  path: PricePath;
  /** The Price List's service code. */
  serviceCode: string;
  /** The usage type without its region prefix (`APS1-` in Singapore). */
  usageType: string;
  /** What one unit of the Price List's rate is worth in the sheet's unit (a rate per request × 1,000,000 = per million). */
  scale: number;
}

/**
 * The Price List products behind each recorded price. Usage types are AWS's billing names: DynamoDB on-demand request
 * units and table storage, Lambda on Graviton (arm64, as the stacks deploy), HTTP API requests, S3 Standard storage and
 * its two request tiers (Tier1: PUT, COPY, POST, LIST; Tier2: GET and the rest).
 */
export const PRICE_QUERIES: readonly PriceQuery[] = [
  { path: 'dynamodb.readRequestUnitsPerMillion', serviceCode: 'AmazonDynamoDB', usageType: 'ReadRequestUnits', scale: 1e6 },
  { path: 'dynamodb.writeRequestUnitsPerMillion', serviceCode: 'AmazonDynamoDB', usageType: 'WriteRequestUnits', scale: 1e6 },
  { path: 'dynamodb.storageGbMonth', serviceCode: 'AmazonDynamoDB', usageType: 'TimedStorage-ByteHrs', scale: 1 },
  { path: 'lambda.arm64GbSecond', serviceCode: 'AWSLambda', usageType: 'Lambda-GB-Second-ARM', scale: 1 },
  { path: 'lambda.requestsPerMillion', serviceCode: 'AWSLambda', usageType: 'Request-ARM', scale: 1e6 },
  { path: 'apiGateway.httpRequestsPerMillion', serviceCode: 'AmazonApiGateway', usageType: 'ApiGatewayHttpRequest', scale: 1e6 },
  { path: 's3.standardGbMonth', serviceCode: 'AmazonS3', usageType: 'TimedStorage-ByteHrs', scale: 1 },
  { path: 's3.putPerThousand', serviceCode: 'AmazonS3', usageType: 'Requests-Tier1', scale: 1e3 },
  { path: 's3.getPerThousand', serviceCode: 'AmazonS3', usageType: 'Requests-Tier2', scale: 1e3 },
];

/** The prefix of usage types in a region. Only the regions the stacks are deployed to are listed. */
const USAGE_PREFIX: Readonly<Record<string, string>> = { 'ap-southeast-1': 'APS1-' };

export function usageTypeIn(region: string, usageType: string): string {
  const prefix = USAGE_PREFIX[region];
  if (prefix === undefined) throw new Error(`No usage-type prefix is recorded for region ${region}; add it to USAGE_PREFIX.`);
  return `${prefix}${usageType}`;
}

interface PriceDimension {
  beginRange?: string;
  pricePerUnit?: Record<string, string>;
  unit?: string;
}

interface PriceListItem {
  product?: { attributes?: Record<string, string> };
  terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, PriceDimension>; effectiveDate?: string }> };
}

export interface ListedRate {
  /** USD per the Price List's unit. */
  usd: number;
  unit: string;
  effectiveDate?: string;
}

/**
 * The on-demand rate of one Price List product (a JSON string of GetProducts' PriceList): the lowest tier that costs
 * something. The sheet records first paid tiers, with no free tier (DynamoDB's first 25 GB of storage is a $0 tier,
 * Lambda's GB-seconds and S3's storage get cheaper in higher tiers).
 */
export function firstPaidRate(priceListItem: string): ListedRate | undefined {
  const item = JSON.parse(priceListItem) as PriceListItem;
  let best: { begin: number; rate: ListedRate } | undefined;
  for (const term of Object.values(item.terms?.OnDemand ?? {})) {
    for (const dimension of Object.values(term.priceDimensions ?? {})) {
      const usd = Number(dimension.pricePerUnit?.USD);
      const begin = Number(dimension.beginRange ?? '0');
      if (!Number.isFinite(usd) || usd <= 0 || !Number.isFinite(begin)) continue;
      if (!best || begin < best.begin) best = { begin, rate: { usd, unit: dimension.unit ?? '', ...(term.effectiveDate ? { effectiveDate: term.effectiveDate } : {}) } };
    }
  }
  return best?.rate;
}

export type CheckStatus = 'same' | 'changed' | 'not-found' | 'ambiguous';

export interface PriceCheck {
  path: PricePath;
  recorded: number;
  listed?: number;
  status: CheckStatus;
  note?: string;
}

/** Two prices are the same when they agree to 4 significant digits (the sheet rounds; the Price List gives 10 decimals). */
export const samePrice = (a: number, b: number): boolean => a === b || Math.abs(a - b) <= Math.max(Math.abs(a), Math.abs(b)) * 5e-5;

export function priceAt(sheet: PriceSheet, path: PricePath): Price {
  const [service, name] = path.split('.') as [keyof PriceSheet, string];
  return (sheet[service] as unknown as Record<string, Price>)[name]!;
}

/**
 * Compares the sheet with what the Price List answered for each query (the PriceList strings of its GetProducts for
 * that usage type). More than one paid product for a usage type is reported, not guessed between.
 */
export function checkPrices(sheet: PriceSheet, listed: ReadonlyMap<PricePath, readonly string[]>): PriceCheck[] {
  return PRICE_QUERIES.map(({ path, scale }) => {
    const recorded = priceAt(sheet, path).usd;
    const rates = (listed.get(path) ?? []).map(firstPaidRate).filter((r): r is ListedRate => r !== undefined);
    if (rates.length === 0) return { path, recorded, status: 'not-found' as const };
    const values = [...new Set(rates.map((r) => r.usd * scale))];
    if (values.length > 1) return { path, recorded, status: 'ambiguous' as const, note: `${values.length} products: ${values.join(', ')}` };
    const current = values[0]!;
    return { path, recorded, listed: current, status: samePrice(recorded, current) ? 'same' as const : 'changed' as const, ...(rates[0]!.effectiveDate ? { note: `effective ${rates[0]!.effectiveDate}` } : {}) };
  });
}
