import type { DescribeCorsError } from '../description.ts';
import { missingAllowOrigin } from './allowOriginFamily.ts';

/** `PreflightMissingAllowOriginHeader`: no Access-Control-Allow-Origin on the preflight response. */
export const describePreflightMissingAllowOriginHeader: DescribeCorsError = (context) => missingAllowOrigin(context, true);
