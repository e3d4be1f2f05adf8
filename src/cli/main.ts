import { Command, CommanderError } from 'commander';
import { readFile, stat } from 'node:fs/promises';
import { HarReadError } from '../core/har/readHar.ts';
import { explainHar } from './explainHar.ts';
import { formatReport, printable } from './formatReport.ts';

/** The largest HAR file the CLI reads; JSON.parse needs several times its size in memory. */
export const MAX_HAR_BYTES = 256 * 1024 * 1024;

/** A problem the user can fix: printed as one line, exit code 1. */
class UsageError extends Error {}

async function readHarText(file: string): Promise<string> {
  let size: number;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`${file}: is a directory, not a HAR file`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file}: no such file`);
  }
  if (size > MAX_HAR_BYTES) {
    throw new UsageError(`${file}: ${formatBytes(size)} is too large; cors-lens reads HAR files up to ${formatBytes(MAX_HAR_BYTES)} (export a shorter capture)`);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot be read (${code === 'EACCES' ? 'permission denied' : (code ?? 'read error')})`);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

export function createProgram(): Command {
  const program = new Command('cors-lens')
    .description('Explains CORS: which requests the browser blocked, why, in Chromium\'s own terms, and the fix on the server.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('explain')
    .description('Pair each preflight with its request in a HAR file and explain every cross-origin verdict')
    .argument('<file>', 'a HAR 1.2 file (Chrome DevTools, Firefox, Playwright recordHar, CORS Lens)')
    .option('--json', 'print one JSON object per cross-origin request, in file order')
    .action(async (file: string, options: { json?: boolean }) => {
      const text = await readHarText(file);
      let report;
      try {
        report = explainHar(text);
      } catch (error) {
        if (error instanceof HarReadError) throw new UsageError(`${file}: ${error.message}`);
        throw error;
      }
      process.stdout.write(options.json ? `${JSON.stringify(report.requests, null, 2)}\n` : formatReport(report, file));
    });
  return program;
}

/** Runs the CLI; resolves to the exit code. Never lets a stack trace reach the user. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError) {
      process.stderr.write(`cors-lens: ${printable(error.message, 400)}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cors-lens: internal error: ${printable(message.split('\n')[0] ?? '', 300)} (please report it)\n`);
    if (process.env.CORS_LENS_DEBUG) console.error(error);
    return 2;
  }
}
