import type { DescribeCorsError } from '../description.ts';
import { missingAllowOrigin } from './allowOriginFamily.ts';

/** `MissingAllowOriginHeader`: no Access-Control-Allow-Origin on the response or a redirect. */
export const describeMissingAllowOriginHeader: DescribeCorsError = (context) => missingAllowOrigin(context, false);
