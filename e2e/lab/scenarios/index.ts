import type { Scenario } from '../scenario.ts';
import { actualResponseScenarios } from './actualResponse.ts';
import { contextScenarios } from './contexts.ts';
import { leavingPageOriginScenarios } from './leavingPageOrigin.ts';
import { opaqueOriginScenarios } from './opaqueOrigins.ts';
import { preflightScenarios } from './preflight.ts';
import { preflightCacheScenarios } from './preflightCache.ts';
import { preflightCacheItemScenarios } from './preflightCacheItems.ts';
import { redirectScenarios } from './redirects.ts';
import { safelistScenarios } from './safelist.ts';
import { unpredictedPreflightScenarios } from './unpredictedPreflights.ts';
import { localNetworkScenarios, rendererScenarios, seedScenarios } from './seeds.ts';

/** Every lab scenario, in the order the lab page lists and runs them. */
export const SCENARIOS: readonly Scenario[] = [
  ...actualResponseScenarios,
  ...preflightScenarios,
  ...unpredictedPreflightScenarios,
  ...safelistScenarios,
  ...preflightCacheScenarios,
  ...preflightCacheItemScenarios,
  ...redirectScenarios,
  ...leavingPageOriginScenarios,
  ...contextScenarios,
  ...opaqueOriginScenarios,
  ...seedScenarios,
  ...rendererScenarios,
  ...localNetworkScenarios,
];
