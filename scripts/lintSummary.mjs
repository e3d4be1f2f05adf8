#!/usr/bin/env node
// Reads `web-ext lint --output json` on stdin and prints one line per
// message, instead of web-ext's wide table. Fails on any error, and when
// there is no report at all (web-ext itself failed). Warnings are printed,
// not fatal: those left come from bundled libraries (zod and React build
// code with the Function constructor and innerHTML; CORS Lens renders every
// network value as text), and from Firefox for Android, which has no
// DevTools panels and is not a target.
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  let report;
  try {
    report = JSON.parse(input);
  } catch {
    console.error(`web-ext lint printed no report:\n${input.slice(0, 2000)}`);
    process.exit(1);
  }
  for (const kind of ['errors', 'warnings', 'notices']) {
    for (const message of report[kind] ?? [])
      console.log(`  ${kind.slice(0, -1)} ${message.code} ${message.file ?? ''}${message.line ? `:${message.line}` : ''} ${message.message}`);
  }
  const { errors, warnings, notices } = report.summary;
  console.log(`web-ext lint on dist-firefox: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  if (errors > 0) process.exit(1);
});
