// Work over a list, at most `limit` items at a time: a document goes out to many recipients, and sending to one after
// another made the last recipient wait for all the others' round trips.

/** How many recipients a document is delivered to at once, in this tenant and towards the hub. */
export const FAN_OUT = 10;

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

