import { isHeaderName, type HeaderList } from '../fetch/headers.ts';

/** How many lines of a header a list holds (Firefox tells one line with a comma from two lines). */
export function getHeaderLines(headers: HeaderList, lowerCaseName: string): number {
  let count = 0;
  for (const header of headers) if (isHeaderName(header.name, lowerCaseName)) count++;
  return count;
}
