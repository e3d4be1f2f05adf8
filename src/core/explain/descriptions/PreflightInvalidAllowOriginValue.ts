import type { DescribeCorsError } from '../description.ts';
import { invalidAllowOrigin } from './allowOriginFamily.ts';

/** `PreflightInvalidAllowOriginValue`: the preflight's Access-Control-Allow-Origin is not a URL. */
export const describePreflightInvalidAllowOriginValue: DescribeCorsError = (context) => invalidAllowOrigin(context, true);
