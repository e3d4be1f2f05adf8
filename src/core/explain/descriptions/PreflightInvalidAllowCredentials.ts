import type { DescribeCorsError } from '../description.ts';
import { invalidAllowCredentials } from './allowOriginFamily.ts';

/** `PreflightInvalidAllowCredentials`: credentials included, the preflight's Access-Control-Allow-Credentials is not exactly true. */
export const describePreflightInvalidAllowCredentials: DescribeCorsError = (context) => invalidAllowCredentials(context, true);
