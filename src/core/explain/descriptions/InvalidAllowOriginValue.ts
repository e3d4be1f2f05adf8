import type { DescribeCorsError } from '../description.ts';
import { invalidAllowOrigin } from './allowOriginFamily.ts';

/** `InvalidAllowOriginValue`: Access-Control-Allow-Origin that is not a URL. */
export const describeInvalidAllowOriginValue: DescribeCorsError = (context) => invalidAllowOrigin(context, false);
