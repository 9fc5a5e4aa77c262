// Reading AWS's Price List products (the shape GetProducts answers: one JSON string per product, its on-demand terms
// holding price dimensions by tier) and comparing them with the recorded sheet. The products below are written in
// that documented shape by hand, with tiers like DynamoDB storage's (a free first 25 GB) and Lambda's (cheaper above
// 6 billion GB-seconds).
import { AWS_PRICES, type PriceSheet } from '#functions/platform/billing/aws-prices';
import { checkPrices, firstPaidRate, PRICE_QUERIES, priceAt, usageTypeIn, type PricePath } from '#functions/platform/billing/price-list';

interface Tier { begin: string; end: string; usd: string; unit: string }

const product = (usagetype: string, tiers: Tier[], effectiveDate = '2025-09-01T00:00:00Z') => JSON.stringify({
  product: { productFamily: 'x', attributes: { usagetype, regionCode: 'ap-southeast-1' }, sku: 'SKU1' },
  serviceCode: 'x',
  terms: {
    OnDemand: {
      'SKU1.TERM': {
        offerTermCode: 'TERM', sku: 'SKU1', effectiveDate, termAttributes: {},
        priceDimensions: Object.fromEntries(tiers.map((t, i) => [`SKU1.TERM.RATE${i}`, {
          rateCode: `SKU1.TERM.RATE${i}`, description: '', beginRange: t.begin, endRange: t.end, unit: t.unit, pricePerUnit: { USD: t.usd }, appliesTo: [],
        }])),
      },
    },
  },
  version: 'v1', publicationDate: '2025-09-01T00:00:00Z',
});

describe('the first paid rate of a product', () => {
  it('skips a free first tier: DynamoDB storage is $0 for 25 GB, then the recorded rate', () => {
    const storage = product('APS1-TimedStorage-ByteHrs', [
      { begin: '25', end: 'Inf', usd: '0.2850000000', unit: 'GB-Mo' },
      { begin: '0', end: '25', usd: '0.0000000000', unit: 'GB-Mo' },
    ]);
    expect(firstPaidRate(storage)).toEqual({ usd: 0.285, unit: 'GB-Mo', effectiveDate: '2025-09-01T00:00:00Z' });
  });

  it('takes the lowest paid tier, not a cheaper higher one', () => {
    const gbSeconds = product('APS1-Lambda-GB-Second-ARM', [
      { begin: '15000000000', end: 'Inf', usd: '0.0000106667', unit: 'Lambda-GB-Second' },
      { begin: '0', end: '7500000000', usd: '0.0000133334', unit: 'Lambda-GB-Second' },
      { begin: '7500000000', end: '15000000000', usd: '0.0000120001', unit: 'Lambda-GB-Second' },
    ]);
    expect(firstPaidRate(gbSeconds)?.usd).toBe(0.0000133334);
  });

  it('has none when every tier is free or unpriced', () => {
    expect(firstPaidRate(product('APS1-Free', [{ begin: '0', end: 'Inf', usd: '0', unit: 'x' }]))).toBeUndefined();
    expect(firstPaidRate(JSON.stringify({ product: {}, terms: {} }))).toBeUndefined();
  });
});

describe('checking the recorded sheet', () => {
  /** A Price List that answers the given prices (in the sheet's units) for every query, as one product each. */
  const listing = (sheetUsd: (path: PricePath) => number) => new Map<PricePath, readonly string[]>(PRICE_QUERIES.map((q) => [
    q.path, [product(usageTypeIn('ap-southeast-1', q.usageType), [{ begin: '0', end: 'Inf', usd: (sheetUsd(q.path) / q.scale).toFixed(10), unit: 'x' }])],
  ]));

  it('finds every price the same when the Price List answers the recorded ones (per request × 1,000,000 = per million)', () => {
    const checks = checkPrices(AWS_PRICES, listing((path) => priceAt(AWS_PRICES, path).usd));
    expect(checks.map((c) => c.status)).toEqual(PRICE_QUERIES.map(() => 'same'));
    expect(checks.find((c) => c.path === 'dynamodb.writeRequestUnitsPerMillion')?.listed).toBeCloseTo(0.7125, 10);
  });

  it('names a changed price with both values, and a price the Price List does not have', () => {
    const sheet: PriceSheet = { ...AWS_PRICES, apiGateway: { httpRequestsPerMillion: { ...AWS_PRICES.apiGateway.httpRequestsPerMillion, usd: 1.25 } } };
    const found = listing((path) => (path === 'apiGateway.httpRequestsPerMillion' ? 1.3 : priceAt(sheet, path).usd));
    found.set('s3.getPerThousand', []);
    const checks = Object.fromEntries(checkPrices(sheet, found).map((c) => [c.path, c]));
    expect(checks['apiGateway.httpRequestsPerMillion']).toMatchObject({ status: 'changed', recorded: 1.25 });
    expect(checks['apiGateway.httpRequestsPerMillion']!.listed).toBeCloseTo(1.3, 10);
    expect(checks['s3.getPerThousand']).toMatchObject({ status: 'not-found' });
    expect(checks['lambda.requestsPerMillion']!.status).toBe('same');
  });

  it('reports two products with different rates for one usage type instead of choosing one', () => {
    const found = listing((path) => priceAt(AWS_PRICES, path).usd);
    found.set('s3.standardGbMonth', [
      product('APS1-TimedStorage-ByteHrs', [{ begin: '0', end: '51200', usd: '0.025', unit: 'GB-Mo' }]),
      product('APS1-TimedStorage-ByteHrs', [{ begin: '0', end: 'Inf', usd: '0.0125', unit: 'GB-Mo' }]),
    ]);
    expect(checkPrices(AWS_PRICES, found).find((c) => c.path === 's3.standardGbMonth')?.status).toBe('ambiguous');
  });

  it('refuses a region whose usage-type prefix is not recorded rather than asking for the wrong products', () => {
    expect(usageTypeIn('ap-southeast-1', 'ReadRequestUnits')).toBe('APS1-ReadRequestUnits');
    expect(() => usageTypeIn('eu-west-3', 'ReadRequestUnits')).toThrow(/eu-west-3/);
  });
});
