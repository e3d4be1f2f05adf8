// The matcher's waiting requests and preflights: a list per key, the key gone with its last item.

/** Appends the item to its key's list; returns the list. */
export function addTo<T>(map: Map<string, T[]>, key: string, item: T): T[] {
  const list = map.get(key);
  if (list) {
    list.push(item);
    return list;
  }
  const created = [item];
  map.set(key, created);
  return created;
}

/** Removes the item from its key's list, and the key once its list is empty. */
export function removeFrom<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(item);
  if (index >= 0) list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}
