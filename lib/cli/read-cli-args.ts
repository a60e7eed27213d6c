// node:util parseArgs with its English TypeErrors ("Unknown option '--x'. To specify a positional …") told
// in Chinese as a UsageError, so a mistyped flag ends with the command's usage and exit status 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXIT_USAGE, UsageError } from "./run-cli";

export function readCliArgs<T extends ParseArgsConfig>(config: T) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(describeArgsError(error));
  }
}

/** For scripts that read their arguments at the top: a usage error ends the process at once, status 2. */
export function readCliArgsOrExit<T extends ParseArgsConfig>(config: T) {
  try {
    return readCliArgs(config);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(EXIT_USAGE);
  }
}

function describeArgsError(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? "")?.[1];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `未知选项：${quoted ?? ""}`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(message ?? "")
        ? `选项 ${optionName(message)} 需要一个值`
        : `选项 ${optionName(message)} 不接受值`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `多余的参数：${quoted ?? ""}`;
    default:
      return "参数有误";
  }
}

/** "Option '-r, --role <value>' argument missing" → "--role". */
function optionName(message: string | undefined): string {
  return /(--[\w-]+)/.exec(message ?? "")?.[1] ?? /'(-\w)/.exec(message ?? "")?.[1] ?? "";
}
