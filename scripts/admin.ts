// `npm run admin -- <command>` — manage accounts from the command line (on the server, with its database):
//   user:add <email> --role <admin|staff|supervisor|analyst> [--password <pw>] [--name <name>]
//            [--regions 5303,530402] [--can-export]      (no --password: one is generated and printed)
//   user:list
//   user:password <email> [--password <pw>]             reset a password (ends the user's sessions)
//   user:role <email> <admin|staff|supervisor|analyst>  change a role (also how to get an admin back)
//   user:deactivate <email> | user:activate <email>
//   token:add <email> [--name <purpose>]                prints the token (shown only this once)
//   token:list [<email>]
//   token:revoke <id>
// Uses DATABASE_URL, or the embedded database under ./.data: the running app's server when `npm start` is up
// (whatever PG_PORT it was started with), otherwise one started for the command and stopped again.
import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/api/app-error";
import { tokenIdSchema } from "@/lib/auth/admin-schemas";
import { createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/create-user";
import { describeExportRight } from "@/lib/auth/describe-export-right";
import { findUserByEmail, listUsers } from "@/lib/auth/list-users";
import { parseRegionList, roleSchema } from "@/lib/auth/permissions";
import { resetUserPassword, setUserActive, updateUser } from "@/lib/auth/update-user";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { readCliArgs } from "@/lib/cli/read-cli-args";
import { EXIT_OK, UsageError, runCli } from "@/lib/cli/run-cli";
import { createClient, type PrismaClient } from "@/lib/db/create-client";
import { openDatabase } from "@/lib/db/open-database";

const USAGE = `用法: npm run admin -- <命令>
  user:add <email> --role <admin|staff|supervisor|analyst> [--password <pw>] [--name <姓名>] [--regions 5303,530402] [--can-export]
  user:list
  user:password <email> [--password <pw>]
  user:role <email> <admin|staff|supervisor|analyst>
  user:deactivate <email> | user:activate <email>
  token:add <email> [--name <用途>]
  token:list [<email>]
  token:revoke <id>`;

const COMMANDS = [
  "user:add",
  "user:list",
  "user:password",
  "user:role",
  "user:deactivate",
  "user:activate",
  "token:add",
  "token:list",
  "token:revoke",
] as const;
type Command = (typeof COMMANDS)[number];

const CLI_ACTOR = null; // the audit log shows these changes without a signed-in actor, ip "cli"
const AUDIT = { actor: CLI_ACTOR, ip: "cli" };

type Values = {
  role?: string;
  password?: string;
  name?: string;
  regions?: string;
  "can-export": boolean;
};

async function run(db: PrismaClient, command: Command, args: string[], values: Values): Promise<void> {
  const [first] = args;
  switch (command) {
    case "user:add": {
      const role = roleSchema.parse(values.role);
      const password = values.password ?? randomBytes(12).toString("base64url");
      const user = await createUser(db, {
        email: required(first, "email"),
        name: values.name,
        role,
        password,
        canExport: values["can-export"],
        regions: values.regions ? parseRegionList(values.regions) : [],
        ...AUDIT,
      });
      console.log(`已创建用户 ${toDisplayEmail(user.email)}（${role}）`);
      if (!values.password) console.log(`初始密码（只显示这一次）: ${password}`);
      return;
    }
    case "user:list":
      for (const user of await listUsers(db)) {
        const flags = [user.active ? "在用" : "已停用", describeExportRight(user), user.regions.join(",")];
        console.log([toDisplayEmail(user.email), user.role, ...flags.filter(Boolean)].join("\t"));
      }
      return;
    case "user:password": {
      const user = await mustFindUser(db, first);
      const password = values.password ?? randomBytes(12).toString("base64url");
      await resetUserPassword(db, { userId: user.id, password, ...AUDIT });
      console.log(`已重置 ${toDisplayEmail(user.email)} 的密码${values.password ? "" : `: ${password}`}`);
      return;
    }
    case "user:role": {
      const user = await mustFindUser(db, first);
      const role = roleSchema.parse(required(args[1], "role"));
      await updateUser(db, { userId: user.id, changes: { role }, ...AUDIT });
      console.log(`已将 ${toDisplayEmail(user.email)} 的角色改为 ${role}`);
      return;
    }
    case "user:deactivate":
    case "user:activate": {
      const user = await mustFindUser(db, first);
      await setUserActive(db, { userId: user.id, active: command === "user:activate", ...AUDIT });
      console.log(`${command === "user:activate" ? "已启用" : "已停用"} ${toDisplayEmail(user.email)}`);
      return;
    }
    case "token:add": {
      const user = await mustFindUser(db, first);
      const { token } = await createApiToken(db, {
        userId: user.id,
        name: values.name ?? "命令行创建",
        ...AUDIT,
      });
      // The token alone on stdout, so `TOKEN=$(npm run -s admin -- token:add a@b.cn)` works.
      console.error(`已为 ${toDisplayEmail(user.email)} 创建 API 令牌（只显示这一次）:`);
      console.log(token);
      return;
    }
    case "token:list": {
      const user = first ? await mustFindUser(db, first) : null;
      for (const token of await listApiTokens(db, { userId: user?.id })) {
        const state = token.revokedAt ? "已吊销" : "有效";
        console.log(
          [token.id, toDisplayEmail(token.userEmail), `${token.prefix}…`, token.name, state].join("\t"),
        );
      }
      return;
    }
    case "token:revoke": {
      const revoked = await revokeApiToken(db, { id: readTokenId(first), ...AUDIT });
      if (!revoked) throw new AppError("TOKEN_NOT_FOUND");
      console.log(`已吊销令牌 ${revoked.prefix}…（${toDisplayEmail(revoked.userEmail)}）`);
      return;
    }
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new UsageError(`缺少参数 <${name}>`);
  return value;
}

function readTokenId(value: string | undefined): number {
  const parsed = tokenIdSchema.safeParse(required(value, "id"));
  if (!parsed.success) throw new UsageError(`令牌编号无效：${value}（应为 token:list 列出的数字）`);
  return parsed.data;
}

async function mustFindUser(db: PrismaClient, email: string | undefined) {
  const user = await findUserByEmail(db, required(email, "email"));
  if (!user) throw new AppError("USER_NOT_FOUND", `没有邮箱为 ${email} 的用户`);
  return user;
}

/** Arguments checked before the database is opened: a typo costs nothing and says what is wrong. */
function readCommand(): { command: Command; args: string[]; values: Values } | "help" {
  const { positionals, values } = readCliArgs({
    allowPositionals: true,
    options: {
      role: { type: "string" },
      password: { type: "string" },
      name: { type: "string" },
      regions: { type: "string" },
      "can-export": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...args] = positionals;
  if (values.help) return "help";
  if (!command) throw new UsageError("请指定命令。");
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`未知命令：${command}`);
  if (command === "user:add") {
    required(args[0], "email");
    if (!values.role) throw new UsageError("缺少 --role <admin|staff|supervisor|analyst>");
    if (!roleSchema.safeParse(values.role).success) throw new UsageError(`未知角色：${values.role}`);
    if (values.regions) parseRegions(values.regions);
  }
  if (command === "user:role" && !roleSchema.safeParse(required(args[1], "role")).success)
    throw new UsageError(`未知角色：${args[1]}`);
  if (command === "token:revoke") readTokenId(args[0]);
  return { command: command as Command, args, values };
}

function parseRegions(text: string): string[] {
  try {
    return parseRegionList(text);
  } catch {
    throw new UsageError(`--regions 有误：${text}（地区代码应为 2–12 位数字，多个用逗号分隔）`);
  }
}

async function main(): Promise<number> {
  const input = readCommand();
  if (input === "help") {
    console.log(USAGE);
    return EXIT_OK;
  }
  const database = await openDatabase();
  const db = createClient(database.url);
  try {
    await run(db, input.command, input.args, input.values);
    return EXIT_OK;
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}

runCli(main, { usage: USAGE });
