import type { DescribeCorsError } from '../description.ts';
import { multipleAllowOrigin } from './allowOriginFamily.ts';

/** `MultipleAllowOriginValues`: a space or a comma in Access-Control-Allow-Origin. */
export const describeMultipleAllowOriginValues: DescribeCorsError = (context) => multipleAllowOrigin(context, false);
