import type { HeaderLine } from './description.ts';
import { policyOf, type FixPolicy } from './fixPolicy.ts';
import { objectStoreRule, objectStoreXml } from './objectStoreRule.ts';
import type { ServerChange } from './serverChange.ts';
import type { FixOption } from './verifiedFix.ts';

export type FixDialect = 'raw' | 'express' | 'nginx' | 'apache' | 'object-store-xml' | 'object-store-json';

export const FIX_DIALECTS: Readonly<Record<FixDialect, string>> = {
  raw: 'Header lines',
  express: 'Express (cors package)',
  nginx: 'nginx',
  apache: 'Apache',
  'object-store-xml': 'Object store CORS rule (S3 XML)',
  'object-store-json': 'Object store CORS rule (JSON)',
};

/** A verified fix written for a server or a storage service. Values are text the user copies, never markup. */
export function renderFix(fix: FixOption, dialect: FixDialect): string {
  switch (dialect) {
    case 'raw': {
      // URLs are named only when the change spans several (a redirect chain).
      const several = new Set(fix.changes.map((change) => change.url)).size > 1;
      return fix.changes
        .map((change) => `# ${capitalised(change.target)}${several ? ` at ${change.url}` : ''}\n${change.lines.map(lineText).join('\n')}`)
        .join('\n\n');
    }
    case 'express':
      return express(policyOf(fix));
    case 'nginx':
      return nginx(fix.changes);
    case 'apache':
      return apache(fix.changes);
    case 'object-store-xml':
      return objectStoreXml(policyOf(fix));
    case 'object-store-json':
      return `${JSON.stringify([objectStoreRule(policyOf(fix))], null, 2)}\n`;
  }
}

const lineText = (line: HeaderLine): string => `${line.name}: ${line.value}`;
const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
const quoted = (value: string): string => JSON.stringify(value);

function express(policy: FixPolicy): string {
  const options: string[] = [];
  if (policy.origin !== null) options.push(`  origin: ${policy.origin === '*' ? quoted('*') : `[${quoted(policy.origin)}]`},`);
  if (policy.methods.length > 0) options.push(`  methods: [${policy.methods.map(quoted).join(', ')}],`);
  if (policy.headers.length > 0) options.push(`  allowedHeaders: [${policy.headers.map(quoted).join(', ')}],`);
  if (policy.exposeHeaders.length > 0) options.push(`  exposedHeaders: [${policy.exposeHeaders.map(quoted).join(', ')}],`);
  if (policy.credentials) options.push('  credentials: true,');
  if (policy.maxAge !== null) options.push(`  maxAge: ${Number.parseInt(policy.maxAge, 10) || 0},`);
  return `const cors = require('cors');\n\napp.use(cors({\n${options.join('\n')}\n}));\n`;
}

/** The lines every non-preflight answer needs: a redirect's and the final response's ("always" covers 3xx too). */
function answerLines(changes: readonly ServerChange[]): { lines: HeaderLine[] } | undefined {
  const lines = new Map<string, HeaderLine>();
  for (const change of changes) if (change.target !== 'preflight response') for (const line of change.lines) lines.set(line.name.toLowerCase(), line);
  return lines.size > 0 ? { lines: [...lines.values()] } : undefined;
}

function nginx(changes: readonly ServerChange[]): string {
  const header = (line: HeaderLine, indent: string): string => `${indent}add_header ${line.name} ${quoted(line.value)} always;`;
  const preflight = changes.find((change) => change.target === 'preflight response');
  const response = answerLines(changes);
  const parts = ['location / {'];
  if (preflight)
    parts.push("    if ($request_method = 'OPTIONS') {", ...preflight.lines.map((line) => header(line, '        ')), '        return 204;', '    }');
  if (response) parts.push(...response.lines.map((line) => header(line, '    ')));
  parts.push('}');
  return `${parts.join('\n')}\n`;
}

function apache(changes: readonly ServerChange[]): string {
  const preflight = changes.find((change) => change.target === 'preflight response');
  const response = answerLines(changes);
  const parts: string[] = [];
  if (response) parts.push(...response.lines.map((line) => `Header always set ${line.name} ${quoted(line.value)}`));
  if (preflight) {
    parts.push(
      '',
      '# Preflights: answered here, with their own headers',
      'RewriteEngine On',
      'RewriteCond %{REQUEST_METHOD} OPTIONS',
      'RewriteRule ^ - [R=204,L]',
      '<If "%{REQUEST_METHOD} == \'OPTIONS\'">',
    );
    parts.push(...preflight.lines.map((line) => `    Header always set ${line.name} ${quoted(line.value)}`), '</If>');
  }
  return `${parts.join('\n')}\n`;
}
