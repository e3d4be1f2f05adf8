import type { CorsError } from '../cors/corsError.ts';
import type { DescribeCorsError } from './description.ts';
import { describeAllowOriginMismatch } from './descriptions/AllowOriginMismatch.ts';
import { describeCorsDisabledScheme } from './descriptions/CorsDisabledScheme.ts';
import { describeDisallowedByMode } from './descriptions/DisallowedByMode.ts';
import { describeHeaderDisallowedByPreflightResponse } from './descriptions/HeaderDisallowedByPreflightResponse.ts';
import { describeInsecureLocalNetwork } from './descriptions/InsecureLocalNetwork.ts';
import { describeInvalidAllowCredentials } from './descriptions/InvalidAllowCredentials.ts';
import { describeInvalidAllowHeadersPreflightResponse } from './descriptions/InvalidAllowHeadersPreflightResponse.ts';
import { describeInvalidAllowMethodsPreflightResponse } from './descriptions/InvalidAllowMethodsPreflightResponse.ts';
import { describeInvalidAllowOriginValue } from './descriptions/InvalidAllowOriginValue.ts';
import { describeInvalidLocalNetworkAccess } from './descriptions/InvalidLocalNetworkAccess.ts';
import { describeInvalidResponse } from './descriptions/InvalidResponse.ts';
import { describeLocalNetworkAccessPermissionDenied } from './descriptions/LocalNetworkAccessPermissionDenied.ts';
import { describeMethodDisallowedByPreflightResponse } from './descriptions/MethodDisallowedByPreflightResponse.ts';
import { describeMissingAllowOriginHeader } from './descriptions/MissingAllowOriginHeader.ts';
import { describeMultipleAllowOriginValues } from './descriptions/MultipleAllowOriginValues.ts';
import { describeNoCorsRedirectModeNotFollow } from './descriptions/NoCorsRedirectModeNotFollow.ts';
import { describePreflightAllowOriginMismatch } from './descriptions/PreflightAllowOriginMismatch.ts';
import { describePreflightDisallowedRedirect } from './descriptions/PreflightDisallowedRedirect.ts';
import { describePreflightInvalidAllowCredentials } from './descriptions/PreflightInvalidAllowCredentials.ts';
import { describePreflightInvalidAllowExternal } from './descriptions/PreflightInvalidAllowExternal.ts';
import { describePreflightInvalidAllowOriginValue } from './descriptions/PreflightInvalidAllowOriginValue.ts';
import { describePreflightInvalidStatus } from './descriptions/PreflightInvalidStatus.ts';
import { describePreflightMissingAllowExternal } from './descriptions/PreflightMissingAllowExternal.ts';
import { describePreflightMissingAllowOriginHeader } from './descriptions/PreflightMissingAllowOriginHeader.ts';
import { describePreflightMultipleAllowOriginValues } from './descriptions/PreflightMultipleAllowOriginValues.ts';
import { describePreflightWildcardOriginNotAllowed } from './descriptions/PreflightWildcardOriginNotAllowed.ts';
import { describeRedirectContainsCredentials } from './descriptions/RedirectContainsCredentials.ts';
import { describeWildcardOriginNotAllowed } from './descriptions/WildcardOriginNotAllowed.ts';

/**
 * One description per `Network.CorsError`. `satisfies Record<CorsError, …>`
 * makes this exhaustive: a code added to CORS_ERRORS without a description
 * here fails to compile.
 */
export const CORS_ERROR_CATALOGUE = {
  DisallowedByMode: describeDisallowedByMode,
  InvalidResponse: describeInvalidResponse,
  WildcardOriginNotAllowed: describeWildcardOriginNotAllowed,
  MissingAllowOriginHeader: describeMissingAllowOriginHeader,
  MultipleAllowOriginValues: describeMultipleAllowOriginValues,
  InvalidAllowOriginValue: describeInvalidAllowOriginValue,
  AllowOriginMismatch: describeAllowOriginMismatch,
  InvalidAllowCredentials: describeInvalidAllowCredentials,
  CorsDisabledScheme: describeCorsDisabledScheme,
  PreflightInvalidStatus: describePreflightInvalidStatus,
  PreflightDisallowedRedirect: describePreflightDisallowedRedirect,
  PreflightWildcardOriginNotAllowed: describePreflightWildcardOriginNotAllowed,
  PreflightMissingAllowOriginHeader: describePreflightMissingAllowOriginHeader,
  PreflightMultipleAllowOriginValues: describePreflightMultipleAllowOriginValues,
  PreflightInvalidAllowOriginValue: describePreflightInvalidAllowOriginValue,
  PreflightAllowOriginMismatch: describePreflightAllowOriginMismatch,
  PreflightInvalidAllowCredentials: describePreflightInvalidAllowCredentials,
  PreflightMissingAllowExternal: describePreflightMissingAllowExternal,
  PreflightInvalidAllowExternal: describePreflightInvalidAllowExternal,
  InvalidAllowMethodsPreflightResponse: describeInvalidAllowMethodsPreflightResponse,
  InvalidAllowHeadersPreflightResponse: describeInvalidAllowHeadersPreflightResponse,
  MethodDisallowedByPreflightResponse: describeMethodDisallowedByPreflightResponse,
  HeaderDisallowedByPreflightResponse: describeHeaderDisallowedByPreflightResponse,
  RedirectContainsCredentials: describeRedirectContainsCredentials,
  InsecureLocalNetwork: describeInsecureLocalNetwork,
  InvalidLocalNetworkAccess: describeInvalidLocalNetworkAccess,
  NoCorsRedirectModeNotFollow: describeNoCorsRedirectModeNotFollow,
  LocalNetworkAccessPermissionDenied: describeLocalNetworkAccessPermissionDenied,
} as const satisfies Record<CorsError, DescribeCorsError>;
