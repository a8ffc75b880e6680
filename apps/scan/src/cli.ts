#!/usr/bin/env node
/**
 * The `muonphilic` executable.
 *
 * @packageDocumentation
 */
import { main } from "./cli/main.js";

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: process.stderr,
});
process.exitCode = code;
