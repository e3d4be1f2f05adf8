#!/usr/bin/env node
// The `cors-lens` command: runs the CLI compiled into dist-cli/ (by
// `npm run build`, and before `npm pack`, so an installed package has it).
import { existsSync } from 'node:fs';

const cli = new URL('../dist-cli/cli.js', import.meta.url);
if (existsSync(cli)) {
  await import(cli.href);
} else {
  process.stderr.write('cors-lens: the command is not built (dist-cli/cli.js is missing): run "npm run build" in the cors-lens folder first\n');
  process.exitCode = 1;
}
