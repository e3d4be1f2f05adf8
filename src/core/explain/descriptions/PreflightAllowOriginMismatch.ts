import type { DescribeCorsError } from '../description.ts';
import { allowOriginMismatch } from './allowOriginFamily.ts';

/** `PreflightAllowOriginMismatch`: the preflight's Access-Control-Allow-Origin names another origin. */
export const describePreflightAllowOriginMismatch: DescribeCorsError = (context) => allowOriginMismatch(context, true);
