#!/usr/bin/env node
// The `cors-lens` command. The CLI is TypeScript (src/cli/); tsx loads it
// without a build step, so `npx cors-lens` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
