import type { Entry } from 'har-format';

type ResourceType = NonNullable<Entry['_resourceType']>;

/**
 * webRequest's resource types in DevTools' terms. webRequest reports fetch()
 * and XMLHttpRequest alike ("xmlhttprequest"); both are CORS requests in the
 * same way, written as "fetch".
 */
const FROM_WEB_REQUEST: Readonly<Record<string, ResourceType>> = {
  main_frame: 'document',
  sub_frame: 'document',
  stylesheet: 'stylesheet',
  script: 'script',
  image: 'image',
  font: 'font',
  media: 'media',
  xmlhttprequest: 'fetch',
  ping: 'ping',
  csp_report: 'csp-violation-report',
  websocket: 'websocket',
};

const DEVTOOLS_TYPES: ReadonlySet<string> = new Set<ResourceType>([
  'document',
  'stylesheet',
  'image',
  'media',
  'font',
  'script',
  'texttrack',
  'xhr',
  'fetch',
  'prefetch',
  'eventsource',
  'websocket',
  'manifest',
  'signed-exchange',
  'ping',
  'csp-violation-report',
  'preflight',
  'other',
]);

/** A resource type as HAR's `_resourceType` (DevTools' names), "other" for any it does not know. */
export function devToolsResourceType(type: string | undefined): ResourceType {
  if (type === undefined) return 'other';
  return FROM_WEB_REQUEST[type] ?? (DEVTOOLS_TYPES.has(type) ? (type as ResourceType) : 'other');
}
