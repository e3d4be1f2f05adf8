import { describe, expect, it } from 'vitest';
import { decideVerdict } from '../cors/decideVerdict.ts';
import { FIX_DIALECTS, renderFix, type FixDialect } from './fixDialects.ts';
import { fixWarnings } from './fixPolicy.ts';
import type { FixOption } from './verifiedFix.ts';

const allowed = decideVerdict({
  request: {
    url: 'http://api.test/',
    method: 'GET',
    headers: [],
    initiatorOrigin: 'http://app.test',
    mode: 'cors',
    credentials: 'same-origin',
    redirect: 'follow',
  },
  hops: [{ url: 'http://api.test/', sent: true, response: { status: 200, headers: [{ name: 'Access-Control-Allow-Origin', value: '*' }] } }],
});

const fix = (origin: string, credentials = false): FixOption => ({
  verdict: allowed,
  changes: [
    {
      target: 'preflight response',
      url: 'https://api.test/items',
      lines: [
        { name: 'Access-Control-Allow-Origin', value: origin },
        { name: 'Access-Control-Allow-Methods', value: 'PUT' },
        { name: 'Access-Control-Allow-Headers', value: 'x-oss-test' },
        ...(credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : []),
        { name: 'Access-Control-Max-Age', value: '600' },
      ],
    },
    {
      target: 'response',
      url: 'https://api.test/items',
      lines: [{ name: 'Access-Control-Allow-Origin', value: origin }, ...(credentials ? [{ name: 'Access-Control-Allow-Credentials', value: 'true' }] : [])],
    },
  ],
});

describe('renderFix', () => {
  it('writes the header lines per response', () => {
    expect(renderFix(fix('https://app.test'), 'raw')).toBe(
      '# Preflight response\nAccess-Control-Allow-Origin: https://app.test\nAccess-Control-Allow-Methods: PUT\nAccess-Control-Allow-Headers: x-oss-test\nAccess-Control-Max-Age: 600\n\n# Response\nAccess-Control-Allow-Origin: https://app.test',
    );
  });

  it('writes the cors package options', () => {
    expect(renderFix(fix('https://app.test', true), 'express')).toBe(
      'const cors = require(\'cors\');\n\napp.use(cors({\n  origin: ["https://app.test"],\n  methods: ["PUT"],\n  allowedHeaders: ["x-oss-test"],\n  credentials: true,\n  maxAge: 600,\n}));\n',
    );
  });

  it('writes nginx: preflights answered in an OPTIONS block, the response header always added', () => {
    const text = renderFix(fix('https://app.test'), 'nginx');
    expect(text).toContain('    if ($request_method = \'OPTIONS\') {\n        add_header Access-Control-Allow-Origin "https://app.test" always;');
    expect(text).toContain('        return 204;\n    }\n    add_header Access-Control-Allow-Origin "https://app.test" always;\n}');
  });

  it('writes Apache Header directives', () => {
    const text = renderFix(fix('https://app.test'), 'apache');
    expect(text.startsWith('Header always set Access-Control-Allow-Origin "https://app.test"\n')).toBe(true);
    expect(text).toContain('    Header always set Access-Control-Allow-Methods "PUT"');
  });

  it('writes an object store CORS rule, in XML (escaped) and in JSON', () => {
    const xml = renderFix(fix('https://a.test/?q=<x>&y'), 'object-store-xml');
    expect(xml).toContain('<AllowedOrigin>https://a.test/?q=&#60;x&#62;&#38;y</AllowedOrigin>');
    expect(xml).toContain('<AllowedMethod>PUT</AllowedMethod>\n    <AllowedHeader>x-oss-test</AllowedHeader>\n    <MaxAgeSeconds>600</MaxAgeSeconds>');
    expect(JSON.parse(renderFix(fix('https://app.test'), 'object-store-json'))).toEqual([
      { AllowedOrigins: ['https://app.test'], AllowedMethods: ['PUT'], AllowedHeaders: ['x-oss-test'], MaxAgeSeconds: 600 },
    ]);
  });

  it('has a name for every dialect, and renders each', () => {
    for (const dialect of Object.keys(FIX_DIALECTS) as FixDialect[]) expect(renderFix(fix('https://app.test'), dialect).length).toBeGreaterThan(20);
  });
});

describe('fixWarnings', () => {
  it('warns where a fix is unsafe: null, and credentials for an echoed origin', () => {
    expect(fixWarnings(fix('null'))).toEqual([expect.stringContaining('"null"')]);
    expect(fixWarnings(fix('https://app.test', true))).toEqual([expect.stringContaining('echoing whatever Origin arrives')]);
    expect(fixWarnings(fix('https://app.test'))).toEqual([]);
  });
});
