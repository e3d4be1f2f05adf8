import type { DescribeCorsError } from '../description.ts';
import { multipleAllowOrigin } from './allowOriginFamily.ts';

/** `PreflightMultipleAllowOriginValues`: a space or a comma in the preflight's Access-Control-Allow-Origin. */
export const describePreflightMultipleAllowOriginValues: DescribeCorsError = (context) => multipleAllowOrigin(context, true);
