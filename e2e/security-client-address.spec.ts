// Journey: an attacker forges forwarding headers to dodge the per-address lock and to plant addresses in
// the audit log (issue 18, item 1). Only the configured proxy (127.0.0.2 here, TRUSTED_PROXIES) is
// believed; it also decides when a response went out over HTTPS and so carries HSTS (item 8).
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createUser, signInAsAdmin } from "./support/auth-users";
import { E2E_TRUSTED_PROXY } from "./support/e2e-server-env";
import { rawRequest, rawSignIn } from "./support/raw-request";

test.use({ storageState: { cookies: [], origins: [] } });

const PER_ADDRESS_LIMIT = 20; // LOGIN_MAX_FAILURES_PER_IP's default

test("rotating X-Forwarded-For (values, empty, trailing commas) does not escape the address lock", async () => {
  const admin = await signInAsAdmin();
  const victim = await createUser(admin, "analyst");
  const attacker = "127.0.0.31";
  const forged = ["198.51.100.9", "", ",", " , ", "203.0.113.4, ", "unknown", "127.0.0.1"];
  const tag = randomBytes(4).toString("hex");
  for (let i = 0; i < PER_ADDRESS_LIMIT; i++) {
    const response = await rawSignIn({
      from: attacker,
      email: `spray-${tag}-${i}@nianbao.test`,
      password: "guess",
      headers: { "x-forwarded-for": forged[i % forged.length]!, "x-real-ip": `198.51.100.${i}` },
    });
    expect(response.status, `attempt ${i}`).toBe(401);
  }

  const fromAttacker = await rawSignIn({
    from: attacker,
    email: victim.email,
    password: victim.password,
    headers: { "x-forwarded-for": "198.51.100.250" },
  });
  expect(fromAttacker.status).toBe(429);
  expect(JSON.parse(fromAttacker.text)).toMatchObject({ code: "LOGIN_LOCKED" });
  const fromElsewhere = await rawSignIn({
    from: "127.0.0.32",
    email: victim.email,
    password: victim.password,
  });
  expect(fromElsewhere.status).toBe(200);

  // The audit log names the address that connected — none of the forged ones.
  const audit = await admin.get(`/api/admin/audit?action=login_failed&actor=spray-${tag}`);
  const { entries, total } = (await audit.json()) as { entries: { ip: string }[]; total: number };
  expect(total).toBe(PER_ADDRESS_LIMIT);
  expect(new Set(entries.map((entry) => entry.ip))).toEqual(new Set([attacker]));
  await admin.dispose();
});

test("behind the trusted proxy the forwarded address is the client; HSTS only on what it says was HTTPS", async () => {
  const admin = await signInAsAdmin();
  const email = `via-proxy-${randomBytes(4).toString("hex")}@nianbao.test`;
  const viaProxy = await rawSignIn({
    from: E2E_TRUSTED_PROXY,
    email,
    password: "guess",
    headers: { "x-forwarded-for": "198.51.100.20, 203.0.113.77" },
  });
  expect(viaProxy.status).toBe(401);
  const audit = await admin.get(`/api/admin/audit?action=login_failed&actor=${encodeURIComponent(email)}`);
  expect(((await audit.json()) as { entries: { ip: string }[] }).entries.map((entry) => entry.ip)).toEqual([
    "203.0.113.77",
  ]);

  const hsts = async (from: string, headers: Record<string, string>) =>
    (await rawRequest({ from, path: "/login", headers })).headers["strict-transport-security"];
  expect(await hsts(E2E_TRUSTED_PROXY, { "x-forwarded-proto": "https" })).toMatch(/^max-age=\d{7,}/);
  expect(await hsts(E2E_TRUSTED_PROXY, {})).toBeUndefined();
  expect(await hsts("127.0.0.33", { "x-forwarded-proto": "https" })).toBeUndefined();
  await admin.dispose();
});
