import { isHttpToken } from '../../fetch/httpToken.ts';

/**
 * The list a server meant to send, recovered from a malformed or incomplete
 * Access-Control-Allow-Methods / -Allow-Headers value, with what is missing
 * added: the value for the fix line.
 */
export function repairedList(received: string | null, add: readonly string[], options: { lowerCase: boolean }): string {
  const items: string[] = [];
  const push = (item: string): void => {
    const normalized = options.lowerCase ? item.toLowerCase() : item;
    if (normalized !== '' && isHttpToken(normalized) && !items.includes(normalized)) items.push(normalized);
  };
  for (const raw of (received ?? '').split(/[,;\s]+/)) push(raw.replace(/^"|"$/g, ''));
  for (const item of add) push(item);
  return items.join(', ');
}

/** The item of a malformed list that is not a name, in words for a sentence. */
export function notAName(item: string | null): string {
  return item === null || item === '' ? 'an empty item between commas' : `\`${item}\`, which is not a name`;
}
