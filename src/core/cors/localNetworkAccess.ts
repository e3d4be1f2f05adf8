import type { CorsCheckFailure } from './corsCheck.ts';

/** Chromium's IP address spaces, most private first (Local Network Access). */
export type IpAddressSpace = 'loopback' | 'local' | 'public' | 'unknown';

/** What Chromium knows of the document or worker that makes a request (CDP `ClientSecurityState`). */
export interface LocalNetworkContext {
  readonly initiatorAddressSpace: IpAddressSpace;
  readonly initiatorIsSecureContext: boolean;
  /** Chromium's policy name, e.g. PermissionBlock, BlockFromInsecureToMorePrivate, Allow, PermissionWarn. */
  readonly policy?: string;
  /** The `targetAddressSpace` the page declared in fetch(), when known (never visible in a capture). */
  readonly declaredTargetAddressSpace?: 'loopback' | 'local' | 'public';
  /** Whether the user granted the local network access permission; unknown means not granted. */
  readonly permissionGranted?: boolean;
}

const PRIVACY: Readonly<Record<IpAddressSpace, number>> = { loopback: 0, local: 1, public: 2, unknown: 3 };

/**
 * The address space of a URL's host when the host alone decides it: loopback
 * for localhost, 127.0.0.0/8 and ::1; local for the private ranges (RFC 1918,
 * link-local, unique-local IPv6); public for other IP literals; unknown for
 * any other name (it depends on DNS).
 */
export function addressSpaceOfUrl(url: string): IpAddressSpace {
  let host: string;
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return 'unknown';
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host)) return 'loopback';
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0) return 'local';
    return 'public';
  }
  if (host.includes(':')) return /^f[cd]|^fe[89ab]/.test(host) ? 'local' : 'public';
  return 'unknown';
}

/**
 * Chromium's Local Network Access check for one connection (Chromium 156,
 * network service; seen in the lab): a declared targetAddressSpace that the
 * server is not in fails with InvalidLocalNetworkAccess; a request to a more
 * private space than its initiator's fails with InsecureLocalNetwork from a
 * non-secure context, and with LocalNetworkAccessPermissionDenied unless the
 * permission was granted. "Warn" and "Allow" policies never block.
 */
export function checkLocalNetworkAccess(context: LocalNetworkContext, target: IpAddressSpace): CorsCheckFailure | null {
  const declared = context.declaredTargetAddressSpace;
  if (declared && target !== 'unknown' && declared !== target) {
    return {
      corsError: 'InvalidLocalNetworkAccess',
      failedParameter: '',
      header: null,
      received: `a ${target} server`,
      needed: `a ${declared} server, as targetAddressSpace declares`,
    };
  }
  if (target === 'unknown' || context.initiatorAddressSpace === 'unknown') return null;
  if (PRIVACY[target] >= PRIVACY[context.initiatorAddressSpace]) return null;
  const policy = context.policy ?? '';
  if (policy === 'Allow' || policy.includes('Warn')) return null;
  if (!context.initiatorIsSecureContext) {
    return {
      corsError: 'InsecureLocalNetwork',
      failedParameter: '',
      header: null,
      received: `a non-secure ${context.initiatorAddressSpace} page`,
      needed: `a secure context (https) to reach a ${target} address`,
    };
  }
  if (policy === 'BlockFromInsecureToMorePrivate' || context.permissionGranted) return null;
  return {
    corsError: 'LocalNetworkAccessPermissionDenied',
    failedParameter: '',
    header: null,
    received: 'permission not granted',
    needed: `the local network access permission for a ${target} address`,
  };
}

/** The net error Chromium gives a connection Local Network Access refused (webRequest reports it). */
export const LOCAL_NETWORK_ACCESS_ERROR = 'net::ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS';

/**
 * HTML "potentially trustworthy origin", as far as the origin string tells:
 * https, wss, or a loopback host (localhost, 127.0.0.0/8, [::1]).
 */
export function isPotentiallyTrustworthyOrigin(origin: string): boolean {
  if (/^(https|wss):\/\//.test(origin)) return true;
  return /^http:\/\/(localhost|[^/]+\.localhost|127(\.\d+){3}|\[::1\])(:\d+)?$/.test(origin);
}

/**
 * Which Local Network Access error a refused connection was, when all the
 * capture shows is the net error: Chromium refuses a page that is not a
 * secure context outright (InsecureLocalNetwork), and a secure one when the
 * permission is not granted (LocalNetworkAccessPermissionDenied).
 */
export function localNetworkAccessFailure(isSecureContext: boolean): CorsCheckFailure {
  return isSecureContext
    ? {
        corsError: 'LocalNetworkAccessPermissionDenied',
        failedParameter: '',
        header: null,
        received: 'permission not granted',
        needed: 'the local network access permission',
      }
    : {
        corsError: 'InsecureLocalNetwork',
        failedParameter: '',
        header: null,
        received: 'a page that is not a secure context',
        needed: 'a secure context (https) to reach a more private address',
      };
}
