import type { FixPolicy } from './fixPolicy.ts';

/** A fix's policy as an object store's CORS rule, in S3's field names: any origin, and GET, where the fix names none. */
export function objectStoreRule(policy: FixPolicy) {
  return {
    AllowedOrigins: [policy.origin ?? '*'],
    AllowedMethods: policy.methods.length > 0 ? [...policy.methods] : ['GET'],
    ...(policy.headers.length > 0 ? { AllowedHeaders: [...policy.headers] } : {}),
    ...(policy.exposeHeaders.length > 0 ? { ExposeHeaders: [...policy.exposeHeaders] } : {}),
    ...(policy.maxAge !== null ? { MaxAgeSeconds: Number.parseInt(policy.maxAge, 10) || 0 } : {}),
  };
}

/** That rule as S3's CORSConfiguration XML, values escaped as text. */
export function objectStoreXml(policy: FixPolicy): string {
  const rule = objectStoreRule(policy);
  const element = (name: string, values: readonly (string | number)[] | undefined): string[] =>
    (values ?? []).map((value) => `    <${name}>${escapeXml(String(value))}</${name}>`);
  return [
    '<CORSConfiguration>',
    '  <CORSRule>',
    ...element('AllowedOrigin', rule.AllowedOrigins),
    ...element('AllowedMethod', rule.AllowedMethods),
    ...element('AllowedHeader', rule.AllowedHeaders),
    ...element('ExposeHeader', rule.ExposeHeaders),
    ...element('MaxAgeSeconds', rule.MaxAgeSeconds === undefined ? undefined : [rule.MaxAgeSeconds]),
    '  </CORSRule>',
    '</CORSConfiguration>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
