// Work over a list, at most `limit` items at a time: a document going out to many recipients, a meeting's conflict
// probes, a message filed into many mailboxes. One after another makes the last wait for all the others' round
// trips; all at once floods the table.

/**
 * Runs `work` for every item, at most `limit` at once. On a failure no new item is started, the ones in flight
 * finish, and the first error is thrown: the caller retries the whole list, and every step of it is idempotent.
 */
export async function eachLimit<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  }));
  if (failure) throw failure.error;
}


/** eachLimit that keeps each item's result, in the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  await eachLimit(items, limit, async (item, index) => {
    results[index] = await work(item, index);
  });
  return results;
}
