// Rewriting user ids in restored data (docs/archive.md, The user pool): a recreated account gets a new `sub`, and the
// tenant's data names users by `sub` everywhere — in keys (`hatinh#USER#<sub>`), in attributes (applicant, owner,
// assignee, organiser), inside maps, lists and sets, in object keys and metadata. Subs are UUIDs, so any UUID found in
// a string that the map knows is an old id and nothing else: the rewrite replaces exactly those, wherever they occur,
// and leaves every other character alone. Binaries are left as they are (nothing stores an id in one).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Item } from './format';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

export type SubMap = ReadonlyMap<string, string>;

/** The old → new ids that change something (an account mapped to itself needs no rewrite), keyed in lower case. */
export function subMap(pairs: Iterable<readonly [string, string]>): SubMap {
  const map = new Map<string, string>();
  for (const [from, to] of pairs) if (from.toLowerCase() !== to.toLowerCase()) map.set(from.toLowerCase(), to);
  return map;
}

/** A string with every mapped id replaced by its new one. */
export function rewriteString(text: string, map: SubMap): string {
  if (!map.size) return text;
  return text.replace(UUID, (found) => map.get(found.toLowerCase()) ?? found);
}

export function rewriteAttribute(value: AttributeValue, map: SubMap): AttributeValue {
  if (value.S !== undefined) return { S: rewriteString(value.S, map) };
  // A set stays a set of distinct strings: two old ids never map to one new id (one account each).
  if (value.SS !== undefined) return { SS: value.SS.map((s) => rewriteString(s, map)) };
  if (value.M !== undefined) return { M: rewriteMap(value.M, map) };
  if (value.L !== undefined) return { L: value.L.map((v) => rewriteAttribute(v, map)) };
  return value;
}

/** Attribute names as well as values: a map may be keyed by user id (who read what, who voted how). */
function rewriteMap(values: Record<string, AttributeValue>, map: SubMap): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [rewriteString(k, map), rewriteAttribute(v, map)]));
}

/** An item with every mapped id replaced, in its keys and every attribute, at any depth. */
export function rewriteItem(item: Item, map: SubMap): Item {
  return map.size ? rewriteMap(item, map) : item;
}

/** An object's user metadata with every mapped id replaced (keys and values). */
export function rewriteMetadata(metadata: Record<string, string> | undefined, map: SubMap): Record<string, string> | undefined {
  if (!metadata || !map.size) return metadata;
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [rewriteString(k, map), rewriteString(v, map)]));
}
