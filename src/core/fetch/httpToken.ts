/**
 * RFC 9110 token: one or more tchar. Chromium's net::HttpUtil::IsToken is the
 * same set (every visible ASCII character except the delimiters).
 */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isHttpToken(value: string): boolean {
  return TOKEN.test(value);
}
