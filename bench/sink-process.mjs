#!/usr/bin/env node
// The benchmark sink in a process of its own: `node bench/sink-process.mjs [dataDelayMs]` prints its port, then
// accepts mail (any user, password "pw", STARTTLS) until SIGTERM.
import { startSink } from './lib.mjs';

const sink = await startSink({ dataDelayMs: Number(process.argv[2] ?? 0) });
process.stdout.write(`${sink.port}\n`);
process.once('SIGTERM', () => void sink.close().then(() => process.exit(0)));
