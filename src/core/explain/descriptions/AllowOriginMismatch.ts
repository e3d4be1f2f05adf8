import type { DescribeCorsError } from '../description.ts';
import { allowOriginMismatch } from './allowOriginFamily.ts';

/** `AllowOriginMismatch`: Access-Control-Allow-Origin names another origin. */
export const describeAllowOriginMismatch: DescribeCorsError = (context) => allowOriginMismatch(context, false);
