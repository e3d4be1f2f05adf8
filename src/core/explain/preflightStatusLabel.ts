import type { PreflightStatus } from '../cors/verdict.ts';

/** Each preflight status in a few words, as the panel, the simulator and bug reports say it. */
export const PREFLIGHT_STATUS_LABELS: Readonly<Record<PreflightStatus, string>> = {
  sent: 'sent',
  'cache-hit': 'served from the cache',
  'not-needed': 'not needed',
  'not-seen': 'needed, but none was seen',
  'not-recorded': 'needed, not recorded by the capture tool',
};
