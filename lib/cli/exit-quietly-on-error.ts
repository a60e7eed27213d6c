// For scripts written as top-level code rather than a runCli(main): imported first, it ends the process on an
// error nobody caught with its message on stderr and exit status 1 — no stack for the person at the terminal.
import { describeCliError } from "./describe-cli-error";

function exitQuietly(error: unknown): never {
  console.error(`错误：${describeCliError(error)}`);
  process.exit(1);
}

process.on("uncaughtException", exitQuietly);
process.on("unhandledRejection", exitQuietly);
