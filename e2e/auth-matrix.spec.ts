// Journey: every kind of visitor against every page and API route — anonymous, admin, staff, supervisor
// (with and without the export right), analyst, and a script with an API token — expecting exactly the
// status the role matrix of issue 4 allows: 200, 307 to /login, 401, 403. The expectations are written out
// here by hand, not computed by lib/auth; pages and routes are discovered from app/, so a new one is covered
// the day it is added (a new page is expected to be open to every signed-in user unless listed below).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, request, test, type APIRequestContext } from "@playwright/test";
import { baseUrl, createToken, createUser, newClient, signIn, signInAsAdmin } from "./support/auth-users";

type Grant = "browse" | "upload" | "export" | "admin";
type Visitor = { name: string; grants: Grant[]; client: APIRequestContext };

// Pages needing more than being signed in. Everything else under app/ needs "browse".
const PAGE_GRANTS: Record<string, Grant> = {
  "/upload": "upload",
  "/review": "upload",
  "/export": "export",
  "/admin/users": "admin",
  "/admin/users/[id]": "admin",
  "/admin/tokens": "admin",
  "/admin/audit": "admin",
};

// API routes with what an allowed caller gets for this (deliberately minimal or invalid) request.
const API_CASES: Array<{
  route: string;
  method: string;
  path: string;
  grant: Grant;
  data?: unknown;
  allowed: number;
}> = [
  { route: "/api/auth/me", method: "GET", path: "/api/auth/me", grant: "browse", allowed: 200 },
  { route: "/api/admin/users", method: "GET", path: "/api/admin/users", grant: "admin", allowed: 200 },
  {
    route: "/api/admin/users",
    method: "POST",
    path: "/api/admin/users",
    grant: "admin",
    data: {},
    allowed: 400,
  },
  {
    route: "/api/admin/users/[id]",
    method: "PATCH",
    path: "/api/admin/users/none",
    grant: "admin",
    data: { canExport: true },
    allowed: 404,
  },
  {
    route: "/api/admin/users/[id]/password",
    method: "POST",
    path: "/api/admin/users/none/password",
    grant: "admin",
    data: { password: "long enough password" },
    allowed: 404,
  },
  { route: "/api/admin/audit", method: "GET", path: "/api/admin/audit", grant: "admin", allowed: 200 },
  { route: "/api/tokens", method: "GET", path: "/api/tokens", grant: "admin", allowed: 200 },
  { route: "/api/tokens", method: "POST", path: "/api/tokens", grant: "admin", data: {}, allowed: 400 },
  { route: "/api/tokens/[id]", method: "DELETE", path: "/api/tokens/999999", grant: "admin", allowed: 404 },
  // Not multipart: the upload route answers 400 INVALID_INPUT to those allowed to upload.
  { route: "/api/reports", method: "POST", path: "/api/reports", grant: "upload", data: {}, allowed: 400 },
  // Read-only data: lists for anyone signed in; reports, metrics and files of rows need the export right.
  { route: "/api/agencies", method: "GET", path: "/api/agencies?limit=1", grant: "browse", allowed: 200 },
  { route: "/api/regions", method: "GET", path: "/api/regions?limit=1", grant: "browse", allowed: 200 },
  { route: "/api/openapi.json", method: "GET", path: "/api/openapi.json", grant: "browse", allowed: 200 },
  { route: "/api/reports", method: "GET", path: "/api/reports?limit=1", grant: "export", allowed: 200 },
  { route: "/api/metrics", method: "GET", path: "/api/metrics?limit=1", grant: "export", allowed: 200 },
  // An empty year: a real, empty CSV for those allowed; a bad parameter is 400 for them, 403 for the others.
  {
    route: "/api/export",
    method: "GET",
    path: "/api/export?year=2099&cells=t3.new.total",
    grant: "export",
    allowed: 200,
  },
  { route: "/api/export", method: "GET", path: "/api/export?type=pdf", grant: "export", allowed: 400 },
  {
    route: "/api/documents/[id]/file",
    method: "GET",
    path: "/api/documents/999999/file",
    grant: "browse",
    allowed: 404,
  },
];

// API routes open to everyone, by design, with what any caller gets: GET /api/health is for load balancers.
const PUBLIC_API_ROUTES: Record<string, number> = { "/api/health": 200 };

const APP_DIR = path.join(process.cwd(), "app");

function findFiles(dir: string, name: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(full, name);
    return entry.name === name ? [full] : [];
  });
}

function toRoute(file: string): string {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter(Boolean);
  return "/" + segments.filter((segment) => !/^\(.*\)$/.test(segment)).join("/");
}

/** A concrete URL for a route pattern: dynamic segments get a value that names nothing. */
function samplePath(route: string, id = "1"): string {
  return route.replace(/\[\[?\.\.\.\w+\]?\]/g, "x").replace(/\[\w+\]/g, id);
}

// Pages whose dynamic segment must name something real to answer 200: an agency, report and file of the samples.
const PAGE_SAMPLES: Record<string, string> = {
  "/agencies/[id]": "/agencies/1",
  "/reports/[id]": "/reports/1",
  "/reports/[id]/diff": "/reports/1/diff?from=1&to=1",
  "/documents/[id]": "/documents/1",
};

const pages = findFiles(APP_DIR, "page.tsx")
  .map(toRoute)
  .filter((route) => route !== "/login");
const apiRoutes = findFiles(path.join(APP_DIR, "api"), "route.ts")
  .map((file) => ({
    route: toRoute(file),
    methods: [
      ...readFileSync(file, "utf8").matchAll(
        /export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g,
      ),
    ].map((match) => match[1]!),
  }))
  .filter(({ route }) => !route.startsWith("/api/auth/[...")); // better-auth's own endpoints

const visitors: Visitor[] = [];
let adminId = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  const admin = await signInAsAdmin();
  const me = (await (await admin.get("/api/auth/me")).json()) as { user: { id: string } };
  adminId = me.user.id;
  const analyst = await createUser(admin, "analyst");
  const token = await createToken(admin, analyst.id);
  visitors.push(
    { name: "anonymous", grants: [], client: await newClient() },
    { name: "admin", grants: ["browse", "upload", "export", "admin"], client: admin },
    { name: "staff", grants: ["browse", "upload"], client: await signIn(await createUser(admin, "staff")) },
    { name: "supervisor", grants: ["browse"], client: await signIn(await createUser(admin, "supervisor")) },
    {
      name: "supervisor with export",
      grants: ["browse", "export"],
      client: await signIn(await createUser(admin, "supervisor", { canExport: true })),
    },
    { name: "analyst", grants: ["browse", "export"], client: await signIn(analyst) },
    {
      name: "analyst's API token",
      grants: ["browse", "export"],
      client: await request.newContext({
        baseURL: baseUrl(),
        extraHTTPHeaders: { Authorization: `Bearer ${token}` },
        storageState: { cookies: [], origins: [] },
      }),
    },
  );
});

test.afterAll(async () => {
  await Promise.all(visitors.map((visitor) => visitor.client.dispose()));
});

test("the page and route lists cover the app", () => {
  expect(pages).toEqual(expect.arrayContaining(["/", "/upload", "/export", "/admin/users", "/admin/audit"]));
  for (const { route, methods } of apiRoutes)
    expect(methods.length, `${route} exports a handler`).toBeGreaterThan(0);
});

test("pages: 307 to /login for anonymous visitors, 200 or 403 by role", async () => {
  test.setTimeout(180_000); // every page × six visitors, one after another: minutes on a busy machine
  const problems: string[] = [];
  for (const route of pages) {
    const url = PAGE_SAMPLES[route] ?? samplePath(route, adminId);
    const grant = PAGE_GRANTS[route] ?? "browse";
    for (const visitor of visitors.filter((v) => v.name !== "analyst's API token")) {
      const response = await visitor.client.get(url, { maxRedirects: 0 });
      const expected = visitor.grants.length === 0 ? 307 : visitor.grants.includes(grant) ? 200 : 403;
      if (response.status() !== expected)
        problems.push(`${visitor.name} GET ${url}: ${response.status()} ≠ ${expected}`);
      if (expected === 307) {
        const location = response.headers()["location"] ?? "";
        if (
          !location.includes(`/login?next=${encodeURIComponent(url)}`) &&
          !(url === "/" && location.endsWith("/login"))
        ) {
          problems.push(`${visitor.name} GET ${url}: redirected to ${location}`);
        }
      }
    }
  }
  expect(problems).toEqual([]);
});

test("the login page: open to anonymous visitors, signed-in users are sent on", async () => {
  const [anonymous, admin] = visitors;
  expect((await anonymous!.client.get("/login", { maxRedirects: 0 })).status()).toBe(200);
  const response = await admin!.client.get("/login?next=%2Frankings", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/rankings$/);
  const offsite = await admin!.client.get("/login?next=%2F%2Fevil.example", { maxRedirects: 0 });
  expect(offsite.headers()["location"]).not.toContain("evil.example");
});

test("API routes: 401 JSON without a session or token, 403 for the wrong role, the handler's answer otherwise", async () => {
  const problems: string[] = [];
  for (const visitor of visitors) {
    for (const c of API_CASES) {
      const response = await visitor.client.fetch(c.path, {
        method: c.method,
        data: c.data,
        maxRedirects: 0,
      });
      const expected = visitor.grants.length === 0 ? 401 : visitor.grants.includes(c.grant) ? c.allowed : 403;
      if (response.status() !== expected) {
        problems.push(`${visitor.name} ${c.method} ${c.path}: ${response.status()} ≠ ${expected}`);
        continue;
      }
      if (expected === 401 || expected === 403) {
        const body = (await response.json()) as { error?: { code?: string; message?: string } };
        const code = expected === 401 ? "UNAUTHENTICATED" : "FORBIDDEN";
        if (body.error?.code !== code || !body.error.message)
          problems.push(`${visitor.name} ${c.method} ${c.path}: body ${JSON.stringify(body)}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("public API routes answer every visitor alike, signed in or not", async () => {
  const problems: string[] = [];
  for (const [route, expected] of Object.entries(PUBLIC_API_ROUTES)) {
    for (const visitor of visitors) {
      const response = await visitor.client.get(route, { maxRedirects: 0 });
      if (response.status() !== expected) problems.push(`${visitor.name} GET ${route}: ${response.status()}`);
      const body = (await response.json()) as { status?: string };
      if (body.status !== "ok") problems.push(`${visitor.name} GET ${route}: body ${JSON.stringify(body)}`);
    }
  }
  expect(problems).toEqual([]);
});

test("every API route, including ones added later, refuses anonymous callers with 401", async () => {
  const anonymous = visitors[0]!.client;
  const problems: string[] = [];
  for (const { route, methods } of apiRoutes) {
    if (route in PUBLIC_API_ROUTES) continue;
    for (const method of methods) {
      const response = await anonymous.fetch(samplePath(route), {
        method,
        data: method === "GET" ? undefined : {},
      });
      if (response.status() !== 401) problems.push(`${method} ${route}: ${response.status()}`);
    }
  }
  expect(problems).toEqual([]);
  const listed = new Set(API_CASES.map((c) => `${c.method} ${c.route}`));
  const mine = apiRoutes.filter(
    ({ route }) => route.startsWith("/api/admin") || route.startsWith("/api/tokens"),
  );
  for (const { route, methods } of mine)
    for (const method of methods)
      expect(listed.has(`${method} ${route}`), `${method} ${route} listed`).toBe(true);
});
