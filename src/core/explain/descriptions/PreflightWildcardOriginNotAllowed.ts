import type { DescribeCorsError } from '../description.ts';
import { wildcardWithCredentials } from './allowOriginFamily.ts';

/** `PreflightWildcardOriginNotAllowed`: the preflight answers Access-Control-Allow-Origin: * for a request with credentials. */
export const describePreflightWildcardOriginNotAllowed: DescribeCorsError = (context) => wildcardWithCredentials(context, true);
