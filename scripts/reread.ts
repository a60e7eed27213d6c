// `npm run reread [-- --all]` — reads stored documents again with the current reader (lib/reader, version
// READER_VERSION): those read by an older version, or with --all every one. A new report version only where
// the cells changed (lib/ingest/reread-documents.ts). Prints one line per document whose reading changed
// and a summary; exit status 0 when every document was examined.
import { closeClient, createClient } from "@/lib/db/create-client";
import { openDatabase } from "@/lib/db/open-database";
import { closeReaderPool } from "@/lib/ingest/reader-pool";
import { READER_VERSION, rereadDocuments, type RereadOutcome } from "@/lib/ingest/reread-documents";
import { readCliArgs } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

const USAGE = "用法: npm run reread [-- --all]";

const LABELS: Record<RereadOutcome, string> = {
  unchanged: "读取结果不变",
  new_version: "单元格有变化，已生成新版本",
  status_changed: "状态改变（如原拒收的文件现已读出）",
  superseded: "已被后来上传的版本取代，只更新了读取记录",
  regressed: "新版读取器读出的内容更少，未作改动，请人工查看",
};

async function main(): Promise<number> {
  const { all } = readCliArgs({ options: { all: { type: "boolean", default: false } } }).values;
  const database = await openDatabase();
  const db = createClient(database.url);
  try {
    console.log(`读取器版本 ${READER_VERSION}：重新读取${all ? "全部" : "由旧版本读取的"}文件……`);
    const summary = await rereadDocuments(db, {
      all,
      onDocument: ({ id, fileName, outcome }) => {
        if (outcome !== "unchanged") console.log(`  文件 ${id}（${fileName}）：${LABELS[outcome]}`);
      },
    });
    console.log(`共检查 ${summary.examined} 个文件：`);
    for (const [outcome, count] of Object.entries(summary.byOutcome))
      console.log(`  ${LABELS[outcome as RereadOutcome]}: ${count}`);
    return EXIT_OK;
  } finally {
    await closeReaderPool();
    await closeClient(db);
    await database.stop();
  }
}

runCli(main, { usage: USAGE, failure: "重新读取失败" });
