// Entry point of the `cors-lens` command (see bin/cors-lens.js).
import { main } from './main.ts';

process.exitCode = await main(process.argv.slice(2));
