/** Placeholder until the language server lands: reports that it is not available yet. */
export function startServer(): void {
  process.stderr.write('corroborate: the language server is not built yet\n');
  process.exitCode = 1;
}
