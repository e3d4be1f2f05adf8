/** Where to read more: the Fetch Standard's sections and MDN's error pages, as data. */
export const LINKS = {
  corsCheck: { title: 'Fetch Standard: CORS check', url: 'https://fetch.spec.whatwg.org/#cors-check' },
  allowOrigin: { title: 'Fetch Standard: Access-Control-Allow-Origin', url: 'https://fetch.spec.whatwg.org/#http-access-control-allow-origin' },
  credentials: { title: 'Fetch Standard: CORS protocol and credentials', url: 'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials' },
  preflightFetch: { title: 'Fetch Standard: CORS-preflight fetch', url: 'https://fetch.spec.whatwg.org/#cors-preflight-fetch' },
  preflightCache: { title: 'Fetch Standard: CORS-preflight cache', url: 'https://fetch.spec.whatwg.org/#cors-preflight-cache' },
  redirectFetch: { title: 'Fetch Standard: HTTP-redirect fetch', url: 'https://fetch.spec.whatwg.org/#http-redirect-fetch' },
  safelistedHeader: { title: 'Fetch Standard: CORS-safelisted request-header', url: 'https://fetch.spec.whatwg.org/#cors-safelisted-request-header' },
  requestMode: { title: 'Fetch Standard: request mode', url: 'https://fetch.spec.whatwg.org/#concept-request-mode' },
  localNetworkAccess: { title: 'Local Network Access', url: 'https://wicg.github.io/local-network-access/' },
  mdnMissingAllowOrigin: {
    title: "MDN: CORS header 'Access-Control-Allow-Origin' missing",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowOrigin',
  },
  mdnNotSupportingCredentials: {
    title: "MDN: Credential is not supported if the CORS header 'Access-Control-Allow-Origin' is '*'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSNotSupportingCredentials',
  },
  mdnMultipleAllowOrigin: {
    title: 'MDN: Multiple CORS header Access-Control-Allow-Origin not allowed',
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMultipleAllowOriginNotAllowed',
  },
  mdnAllowOriginNotMatching: {
    title: "MDN: CORS header 'Access-Control-Allow-Origin' does not match",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSAllowOriginNotMatchingOrigin',
  },
  mdnMissingAllowCredentials: {
    title: "MDN: expected 'true' in CORS header 'Access-Control-Allow-Credentials'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMIssingAllowCredentials',
  },
  mdnPreflightDidNotSucceed: {
    title: 'MDN: CORS preflight response did not succeed',
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSPreflightDidNotSucceed',
  },
  mdnInvalidAllowMethod: {
    title: "MDN: invalid token in CORS header 'Access-Control-Allow-Methods'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSInvalidAllowMethod',
  },
  mdnInvalidAllowHeader: {
    title: "MDN: invalid token in CORS header 'Access-Control-Allow-Headers'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSInvalidAllowHeader',
  },
  mdnMethodNotFound: {
    title: "MDN: Did not find method in CORS header 'Access-Control-Allow-Methods'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMethodNotFound',
  },
  mdnMissingAllowHeader: {
    title: "MDN: missing token in CORS header 'Access-Control-Allow-Headers'",
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSMissingAllowHeaderFromPreflight',
  },
  mdnExternalRedirect: {
    title: 'MDN: CORS request external redirect not allowed',
    url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSExternalRedirectNotAllowed',
  },
  mdnRequestNotHttp: { title: 'MDN: CORS request not HTTP', url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS/Errors/CORSRequestNotHttp' },
  mdnCors: { title: 'MDN: Cross-Origin Resource Sharing (CORS)', url: 'https://developer.mozilla.org/docs/Web/HTTP/Guides/CORS' },
} as const satisfies Record<string, { title: string; url: string }>;

export type LinkId = keyof typeof LINKS;
