// `npm run bench:login` — the login lockout under an attacker's bursts, against a RUNNING app on this machine:
//   BENCH_URL=http://localhost:3011 ADMIN_EMAIL=… ADMIN_PASSWORD=… npm run --silent bench:login
// Clients are loopback addresses 127.<n>.x.y (Linux answers the whole 127/8), a fresh <n> per run, so each
// scenario is a new attacker the server has never locked. Scenarios:
//   A  59 wrong passwords at once against one account (each from its own address), the right one sent last;
//   B  BENCH_BURST wrong passwords at once from one address (distinct emails), a normal login from another
//      address started 150 ms into the burst;
//   C  the same burst from BENCH_BURST different addresses (only the global argon2 limiter stands);
// plus a normal login on the idle server. "Checks" counts sign-ins whose password was checked (login_failed
// and login audit entries), read back through the admin API.
import "@/lib/cli/exit-quietly-on-error";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

const env = z
  .object({
    BENCH_URL: z.url().default("http://localhost:3000"),
    ADMIN_EMAIL: z.email(),
    ADMIN_PASSWORD: z.string().min(1),
    BENCH_BURST: z.coerce.number().int().min(1).max(5000).default(400),
  })
  .parse(process.env);

const target = new URL(env.BENCH_URL);
if (!["localhost", "127.0.0.1", "[::1]"].includes(target.hostname)) {
  console.error("BENCH_URL must be this machine (localhost): benchmarks send traffic to loopback only.");
  process.exit(1);
}
const net = 100 + Math.floor(Math.random() * 150);
const address = (a: number, b: number) => `127.${net}.${a}.${b}`;

type Reply = { status: number; text: string; ms: number; cookie: string };

function send(input: {
  path: string;
  from: string;
  method?: string;
  json?: unknown;
  cookie?: string;
}): Promise<Reply> {
  const body = input.json === undefined ? undefined : JSON.stringify(input.json);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port: target.port || 80,
        path: input.path,
        method: input.method ?? (body ? "POST" : "GET"),
        localAddress: input.from,
        agent: false,
        headers: {
          host: target.host,
          origin: target.origin,
          ...(input.cookie ? { cookie: input.cookie } : {}),
          ...(body
            ? { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }
            : {}),
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            text,
            ms: performance.now() - started,
            cookie: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; "),
          }),
        );
      },
    );
    request.on("error", reject);
    if (body) request.write(body);
    request.end();
  });
}

const signIn = (email: string, password: string, from: string) =>
  send({ path: "/api/auth/sign-in/email", json: { email, password }, from });

function tally(replies: Reply[]): string {
  const counts = new Map<number, number>();
  for (const reply of replies) counts.set(reply.status, (counts.get(reply.status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n}×${status}`).join(" ");
}

async function main(): Promise<void> {
  const adminFrom = address(0, 250);
  const admin = await signIn(env.ADMIN_EMAIL, env.ADMIN_PASSWORD, adminFrom);
  if (admin.status !== 200) throw new Error(`admin sign-in answered ${admin.status}`);
  const tag = randomBytes(4).toString("hex");
  const newUser = async (name: string) => {
    const email = `${name}-${tag}@bench.test`;
    const password = `pw-${randomBytes(9).toString("base64url")}`;
    const created = await send({
      path: "/api/admin/users",
      json: { email, password, role: "analyst" },
      from: adminFrom,
      cookie: admin.cookie,
    });
    if (created.status !== 201) throw new Error(`creating ${email} answered ${created.status}`);
    return { email, password };
  };
  const checked = async (actor: string) => {
    let total = 0;
    for (const action of ["login_failed", "login"]) {
      const path = `/api/admin/audit?action=${action}&actor=${encodeURIComponent(actor)}`;
      total += (
        JSON.parse((await send({ path, from: adminFrom, cookie: admin.cookie })).text) as { total: number }
      ).total;
    }
    return total;
  };

  const idleUser = await newUser("idle");
  const idle: number[] = [];
  for (let i = 0; i < 5; i++)
    idle.push((await signIn(idleUser.email, idleUser.password, address(0, 10 + i))).ms);
  idle.sort((a, b) => a - b);

  const victim = await newUser("victim");
  const a = await Promise.all([
    ...Array.from({ length: 59 }, (_, i) => signIn(victim.email, `guess ${i}`, address(1, i + 1))),
    signIn(victim.email, victim.password, address(1, 200)),
  ]);

  const burst = async (scenario: "B" | "C") => {
    const honest = await newUser(`honest${scenario}`);
    const started = performance.now();
    const replies = Promise.all(
      Array.from({ length: env.BENCH_BURST }, (_, i) =>
        signIn(
          `burst${scenario}-${tag}-${i}@bench.test`,
          "guess",
          scenario === "B" ? address(2, 1) : address(10 + Math.floor(i / 200), (i % 200) + 1),
        ),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const normal = await signIn(honest.email, honest.password, address(3, scenario === "B" ? 1 : 2));
    const all = await replies;
    return {
      all,
      normal,
      seconds: (performance.now() - started) / 1000,
      checks: await checked(`burst${scenario}-${tag}`),
    };
  };
  const b = await burst("B");
  const c = await burst("C");

  console.log(`| scenario | answers | password checks | normal login |`);
  console.log(`|---|---|---:|---|`);
  console.log(`| idle server | — | — | median ${idle[2]!.toFixed(0)} ms (5 logins) |`);
  console.log(
    `| A: 59 wrong at once + right one last | ${tally(a)}; right one ${a.at(-1)!.status} | ${await checked(victim.email)} | — |`,
  );
  for (const [name, run] of [
    [`B: ${env.BENCH_BURST} wrong at once from one address`, b],
    [`C: ${env.BENCH_BURST} wrong at once from ${env.BENCH_BURST} addresses`, c],
  ] as const) {
    console.log(
      `| ${name} | ${tally(run.all)} in ${run.seconds.toFixed(1)} s | ${run.checks} | ${run.normal.status} in ${run.normal.ms.toFixed(0)} ms |`,
    );
  }
}

runCli(
  async () => {
    await main();
    return EXIT_OK;
  },
  { failure: "bench:login 失败" },
);
