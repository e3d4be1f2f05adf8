import type { DescribeCorsError } from '../description.ts';
import { wildcardWithCredentials } from './allowOriginFamily.ts';

/** `WildcardOriginNotAllowed`: Access-Control-Allow-Origin: * for a request with credentials. */
export const describeWildcardOriginNotAllowed: DescribeCorsError = (context) => wildcardWithCredentials(context, false);
