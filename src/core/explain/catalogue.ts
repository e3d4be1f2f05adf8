import type { CorsError } from '../cors/corsError.ts';
import type { DescribeCorsError } from './description.ts';
import { describeAllowOriginMismatch, describePreflightAllowOriginMismatch } from './descriptions/AllowOriginMismatch.ts';
import { describeCorsDisabledScheme } from './descriptions/CorsDisabledScheme.ts';
import { describeDisallowedByMode } from './descriptions/DisallowedByMode.ts';
import { describeHeaderDisallowedByPreflightResponse } from './descriptions/HeaderDisallowedByPreflightResponse.ts';
import { describeInsecureLocalNetwork } from './descriptions/InsecureLocalNetwork.ts';
import { describeInvalidAllowCredentials, describePreflightInvalidAllowCredentials } from './descriptions/InvalidAllowCredentials.ts';
import { describeInvalidAllowHeadersPreflightResponse } from './descriptions/InvalidAllowHeadersPreflightResponse.ts';
import { describeInvalidAllowMethodsPreflightResponse } from './descriptions/InvalidAllowMethodsPreflightResponse.ts';
import { describeInvalidAllowOriginValue, describePreflightInvalidAllowOriginValue } from './descriptions/InvalidAllowOriginValue.ts';
import { describeInvalidLocalNetworkAccess } from './descriptions/InvalidLocalNetworkAccess.ts';
import { describeInvalidResponse } from './descriptions/InvalidResponse.ts';
import { describeLocalNetworkAccessPermissionDenied } from './descriptions/LocalNetworkAccessPermissionDenied.ts';
import { describeMethodDisallowedByPreflightResponse } from './descriptions/MethodDisallowedByPreflightResponse.ts';
import { describeMissingAllowOriginHeader, describePreflightMissingAllowOriginHeader } from './descriptions/MissingAllowOriginHeader.ts';
import { describeMultipleAllowOriginValues, describePreflightMultipleAllowOriginValues } from './descriptions/MultipleAllowOriginValues.ts';
import { describeNoCorsRedirectModeNotFollow } from './descriptions/NoCorsRedirectModeNotFollow.ts';

import { describePreflightDisallowedRedirect } from './descriptions/PreflightDisallowedRedirect.ts';

import { describePreflightInvalidAllowExternal } from './descriptions/PreflightInvalidAllowExternal.ts';

import { describePreflightInvalidStatus } from './descriptions/PreflightInvalidStatus.ts';
import { describePreflightMissingAllowExternal } from './descriptions/PreflightMissingAllowExternal.ts';

import { describeRedirectContainsCredentials } from './descriptions/RedirectContainsCredentials.ts';
import { describeWildcardOriginNotAllowed, describePreflightWildcardOriginNotAllowed } from './descriptions/WildcardOriginNotAllowed.ts';

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
