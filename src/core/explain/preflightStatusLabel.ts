import type { PreflightStatus } from '../cors/verdict.ts';

/** Each preflight status in a few words, as the panel, the simulator and bug reports say it. */
export const PREFLIGHT_STATUS_LABELS: Readonly<Record<PreflightStatus, string>> = {
  sent: 'sent',
  'cache-hit': 'served from the cache',
  'not-needed': 'not needed',
  'not-seen': 'needed, but none was seen',
  'not-recorded': 'needed, not recorded by the capture tool',
};

/** What a list of preflightReasons is headed with, by what happened to the preflight. */
export const PREFLIGHT_REASONS_HEADINGS: Readonly<Record<PreflightStatus, string>> = {
  sent: 'Why it was preflighted',
  'cache-hit': 'Why it needed a preflight (served from the preflight cache)',
  'not-seen': 'Why it needed a preflight (none was seen)',
  'not-recorded': 'Why it needed a preflight (not recorded by the capture tool)',
  'not-needed': 'Why no preflight was needed',
};
