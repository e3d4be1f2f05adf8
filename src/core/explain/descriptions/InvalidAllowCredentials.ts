import type { DescribeCorsError } from '../description.ts';
import { invalidAllowCredentials } from './allowOriginFamily.ts';

/** `InvalidAllowCredentials`: credentials included, Access-Control-Allow-Credentials is not exactly true. */
export const describeInvalidAllowCredentials: DescribeCorsError = (context) => invalidAllowCredentials(context, false);
