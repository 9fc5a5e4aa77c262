// The statistics area's calls: the figures of a period, and the names that turn their keys into words.
import type { GroupBy } from '../../../functions/dossiers/stats/model';
import type { DossierStats } from '../../../functions/dossiers/stats/schemas';
import { get } from '../core/api';

// The response's shape is the server's own (types only: nothing of the server's code enters the bundle).
export type { DossierStats, GroupBy };
export type Figures = DossierStats['total'];

export const dossierStats = (tenant: string, q: { from: string; to: string; groupBy: GroupBy }) =>
  get<DossierStats>(`/v1/${tenant}/stats/dossiers`, q);

interface Page<T> { items: T[]; cursor?: string }

/** Every page of a list (the province has tens of units and procedures, a few pages at most). */
async function all<T>(path: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await get<Page<T>>(path, { limit: 100, cursor });
    out.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Names of the keys a grouping returns: unit codes and procedure codes; a field is its own name. */
export async function keyNames(tenant: string, groupBy: GroupBy): Promise<Map<string, string>> {
  if (groupBy === 'field') return new Map();
  const items = await all<{ code: string; name: string }>(groupBy === 'unit' ? `/v1/${tenant}/units` : `/v1/${tenant}/procedures`);
  return new Map(items.map((i) => [i.code, i.name]));
}

/** A day's figures by unit, frozen the night after (404 STATS_SNAPSHOT_NOT_FOUND until then). */
export const dailyStats = (tenant: string, date: string) =>
  get<DossierStats & { takenAt: string }>(`/v1/${tenant}/stats/dossiers/daily/${date}`);
