// `npm run import -- <files or directories>... [--as <email>] [--json] [--batch <n>]` — bulk import of report
// files from disk through the same pipeline and rules as the upload page (size limit, duplicates, the
// reader on every core), stored in batches through the bulk path. Directories are walked recursively
// (hidden files skipped). Recorded as uploaded by --as (default: the first administrator).
// Shows a progress bar with files/s and ends with a summary by status and error code; --json prints one
// result line per file in the upload API's shape instead. Exit status 0 when every file got a result
// (rejections are results), 1 when a given path could not be read or the import could not run, 2 for wrong
// arguments.
import cliProgress from "cli-progress";
import { closeClient, createClient, type Db } from "@/lib/db/create-client";
import { openDatabase } from "@/lib/db/open-database";
import { IMPORT_BATCH_SIZE, importFiles, type ImportResult } from "@/lib/ingest/import-files";
import { closeReaderPool } from "@/lib/ingest/reader-pool";
import { toUploadResults, type UploadResult } from "@/lib/ingest/upload-result";
import { walkFiles } from "@/lib/ingest/walk-files";
import { readCliArgs } from "@/lib/cli/read-cli-args";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError, runCli } from "@/lib/cli/run-cli";
import { importUrlList, readUrlList, summariseUrlImports } from "./import-urls";

const USAGE = `用法: npm run import -- <文件或目录>... [--as <邮箱>] [--json] [--batch <每批文件数>]
       npm run import -- --urls <网址列表文件> [--as <邮箱>] [--json]
  目录会递归导入（跳过以 . 开头的隐藏文件）；每个文件得到一条结果，被拒收的文件也是结果。
  --urls   从网上导入：文件中每行一个网址（年报页面、年报文件或年报栏目列表页，# 开头的行跳过）；
           内部地址一律拒绝，除非列在 FETCH_ALLOW_HOSTS 中
  --as     记录为该用户上传（默认：最早创建的管理员）
  --json   每个文件输出一行 JSON（与上传接口的结果格式相同），不显示进度条
  --batch  每个事务最多写入的文件数（默认 500；第一批满 50 个、数据库有空闲连接即写入，其后逐批加倍，临近结束时减小）`;

function readArguments() {
  const { positionals, values } = readCliArgs({
    allowPositionals: true,
    options: {
      as: { type: "string" },
      json: { type: "boolean", default: false },
      batch: { type: "string" },
      urls: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return null;
  if (positionals.length === 0 && values.urls === undefined)
    throw new UsageError("请给出要导入的文件或目录，或用 --urls 给出网址列表文件。");
  const batch = values.batch === undefined ? IMPORT_BATCH_SIZE : Number(values.batch);
  if (!Number.isInteger(batch) || batch < 1 || batch > 5000)
    throw new UsageError("--batch 应为 1–5000 的整数。");
  return { paths: positionals, as: values.as, json: values.json, batch, urls: values.urls };
}

async function findUploader(
  db: Db,
  email: string | undefined,
): Promise<{ id: string; email: string; role: string; regions: string[] } | null> {
  if (email) {
    const user = await db.user.findFirst({ where: { email: email.trim().toLowerCase(), active: true } });
    if (!user) throw new UsageError(`没有在用的用户邮箱为 ${email}（--as）。`);
    return user;
  }
  return db.user.findFirst({ where: { role: "admin", active: true }, orderBy: { createdAt: "asc" } });
}

async function runUrlImport(
  db: Db,
  options: { file: string; uploader: Awaited<ReturnType<typeof findUploader>>; json: boolean },
): Promise<number> {
  let urls: string[];
  try {
    urls = await readUrlList(options.file);
  } catch {
    throw new UsageError(`网址列表文件无法读取：${options.file}`);
  }
  if (urls.length === 0) throw new UsageError(`网址列表文件中没有网址：${options.file}`);
  if (!options.uploader) throw new UsageError("还没有管理员账号：请用 --as 指定导入人。");
  const results = await importUrlList({ db, urls, uploader: options.uploader, json: options.json });
  if (!options.json) {
    console.log(summariseUrlImports(results));
    console.log(`导入人记录为 ${options.uploader.email}。`);
  }
  return EXIT_OK;
}

async function countFiles(paths: string[]): Promise<number> {
  let count = 0;
  for await (const _entry of walkFiles(paths)) count += 1;
  return count;
}

function summarise(results: UploadResult[], seconds: number): string {
  const byStatus = new Map<string, number>();
  const byCode = new Map<string, number>();
  for (const result of results) {
    byStatus.set(result.status, (byStatus.get(result.status) ?? 0) + 1);
    if (result.error) byCode.set(result.error.code, (byCode.get(result.error.code) ?? 0) + 1);
  }
  const names: Record<string, string> = {
    accepted: "已入库",
    duplicate: "重复（已有相同文件）",
    needs_agency: "待补充机关",
    needs_year: "待补充年度",
    rejected: "拒收",
  };
  const lines = [
    `共 ${results.length} 个文件，用时 ${seconds.toFixed(1)} 秒（${(results.length / Math.max(seconds, 0.001)).toFixed(1)} 个/秒）：`,
    ...Object.entries(names).map(([status, name]) => `  ${name}: ${byStatus.get(status) ?? 0}`),
  ];
  if (byCode.size > 0) {
    lines.push("拒收原因：");
    for (const [code, count] of [...byCode].sort((a, b) => b[1] - a[1])) lines.push(`  ${code}: ${count}`);
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const args = readArguments();
  if (!args) {
    console.log(USAGE);
    return EXIT_OK;
  }
  const database = await openDatabase();
  const db = createClient(database.url);
  try {
    const uploader = await findUploader(db, args.as);
    if (args.urls !== undefined)
      return await runUrlImport(db, { file: args.urls, uploader, json: args.json });
    const total = args.json ? undefined : await countFiles(args.paths);
    const bar = args.json
      ? null
      : new cliProgress.SingleBar(
          {
            format: "导入 [{bar}] {value}/{total} 个文件 | {speed} 个/秒 | 拒收 {rejected}",
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
    bar?.start(total ?? 0, 0, { speed: "0.0", rejected: 0 });
    const started = performance.now();
    const results: UploadResult[] = [];
    let rejected = 0;
    // Results arrive per file; their names and finding counts are looked up a small batch at a time.
    let pending: ImportResult[] = [];
    const drain = async () => {
      const items = pending;
      pending = [];
      const described = await toUploadResults(
        db,
        items.map((item) =>
          item.ok ? { file: item.path, outcome: item.outcome } : { file: item.path, error: item.error },
        ),
      );
      for (const result of described) {
        results.push(result);
        if (result.status === "rejected") rejected += 1;
        if (args.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      }
      const seconds = (performance.now() - started) / 1000;
      bar?.update(results.length, {
        speed: (results.length / Math.max(seconds, 0.001)).toFixed(1),
        rejected,
      });
    };
    let draining = Promise.resolve();
    await importFiles({
      db,
      paths: args.paths,
      uploadedById: uploader?.id ?? null,
      batchSize: args.batch,
      fileCount: total,
      onResult: (result) => {
        pending.push(result);
        if (pending.length >= 100) draining = draining.then(drain);
      },
    });
    await draining.then(drain);
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    if (!args.json) {
      console.log(summarise(results, seconds));
      if (uploader) console.log(`上传人记录为 ${uploader.email}。`);
    }
    // A path that could not be read is a mistake to fix (a typo, a missing mount), not a rejected report.
    const unread = results.filter((result) => result.error?.code === "FILE_UNREADABLE");
    if (unread.length > 0) {
      console.error(`有 ${unread.length} 个路径无法读取：${unread.map((result) => result.file).join("、")}`);
      return EXIT_FAILED;
    }
    return EXIT_OK;
  } catch (error) {
    // --as naming nobody is a wrong argument, found only once the database is open.
    if (error instanceof UsageError) {
      console.error(error.message);
      return EXIT_USAGE;
    }
    throw error;
  } finally {
    await closeReaderPool();
    await closeClient(db);
    await database.stop();
  }
}

runCli(main, { usage: USAGE, failure: "导入中止" });
