/** A usage or input error: said on stderr, exit code 2, as every `npm run` script of ours answers one. */
export function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Runs a script's main; an unexpected failure is said as `<script>: <message>`, exit code 1. */
export function runScript(script: string, main: () => Promise<void>): void {
  main().catch((err) => {
    console.error(`${script}: ${(err as Error).message}`);
    process.exit(1);
  });
}
