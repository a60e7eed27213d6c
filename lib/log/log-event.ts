// The server's log: one JSON object per line on stdout ({"time","event",…}), for whatever collects the logs
// (journald, docker, a log shipper). Callers pass plain fields — never secrets, cookies or query strings.
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export function logEvent(
  event: string,
  fields: LogFields,
  write: (line: string) => void = writeStdout,
): void {
  write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

function writeStdout(line: string): void {
  process.stdout.write(line);
}
