// `npm run prices`: compares the recorded AWS price sheet (functions/platform/billing/aws-prices.ts) with AWS's Price
// List API, with the operator's credentials (pricing:GetProducts; the API answers in us-east-1 for every region).
// Prints one line per price and exits 1 when a price changed or could not be found, so that the sheet is updated (with
// its date) before a cost report is trusted. The USD→VND rate is not AWS's: check it against the bank's page by hand.
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { AWS_PRICES } from '#functions/platform/billing/aws-prices';
import { checkPrices, PRICE_QUERIES, usageTypeIn, type PricePath } from '#functions/platform/billing/price-list';

async function listed(client: PricingClient, region: string, serviceCode: string, usageType: string): Promise<string[]> {
  const items: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new GetProductsCommand({
      ServiceCode: serviceCode,
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: region },
        { Type: 'TERM_MATCH', Field: 'usagetype', Value: usageTypeIn(region, usageType) },
      ],
      NextToken,
    }));
    items.push(...(page.PriceList ?? []).map(String));
    NextToken = page.NextToken;
  } while (NextToken);
  return items;
}

async function main(): Promise<number> {
  const client = new PricingClient({ region: 'us-east-1' });
  const found = new Map<PricePath, string[]>();
  for (const q of PRICE_QUERIES) found.set(q.path, await listed(client, AWS_PRICES.region, q.serviceCode, q.usageType));
  const checks = checkPrices(AWS_PRICES, found);
  console.log(`Price sheet recorded ${AWS_PRICES.asOf} for ${AWS_PRICES.region}, against the Price List today:`);
  for (const c of checks) {
    const listedText = c.listed === undefined ? '—' : String(Number(c.listed.toPrecision(10)));
    console.log(`  ${c.status.padEnd(10)} ${c.path.padEnd(38)} recorded ${String(c.recorded).padEnd(14)} listed ${listedText}${c.note ? `  (${c.note})` : ''}`);
  }
  console.log(`  by hand    usdToVnd ${AWS_PRICES.usdToVnd.rate}: ${AWS_PRICES.usdToVnd.source}`);
  const bad = checks.filter((c) => c.status !== 'same');
  if (bad.length) console.log(`\n${bad.length} price(s) to look at: update aws-prices.ts (values, asOf, checked) and docs/billing.md.`);
  return bad.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  console.error(`price check failed: ${(err as Error).message}`);
  process.exit(2);
});
