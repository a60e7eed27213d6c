// Accounts for auth journeys: API clients signed in as the e2e admin or as fresh users of any role, made
// through the product's own admin API (so every journey also exercises it). Emails are unique per call, so
// specs run in parallel without sharing users.
import { randomBytes } from "node:crypto";
import { request, type APIRequestContext } from "@playwright/test";
import { E2E_ADMIN } from "./e2e-admin";

export type E2eRole = "admin" | "staff" | "supervisor" | "analyst";
export type Credentials = { email: string; password: string };

export function baseUrl(): string {
  return `http://localhost:${Number(process.env.E2E_PORT ?? 3210)}`;
}

/** An API client whose requests look like the app's own pages (same-origin Origin header). It starts
 *  signed out: inside a test run, new contexts would otherwise inherit the config's admin storage state. */
export async function newClient(): Promise<APIRequestContext> {
  return request.newContext({
    baseURL: baseUrl(),
    extraHTTPHeaders: { Origin: baseUrl() },
    storageState: { cookies: [], origins: [] },
  });
}

export async function signIn(credentials: Credentials): Promise<APIRequestContext> {
  const client = await newClient();
  const response = await client.post("/api/auth/sign-in/email", { data: credentials });
  if (!response.ok())
    throw new Error(`sign-in as ${credentials.email} failed: ${response.status()} ${await response.text()}`);
  return client;
}

export function signInAsAdmin(): Promise<APIRequestContext> {
  return signIn(E2E_ADMIN);
}

export async function createUser(
  admin: APIRequestContext,
  role: E2eRole,
  options: { canExport?: boolean; regions?: string[] } = {},
): Promise<Credentials & { id: string }> {
  const email = `${role}-${randomBytes(5).toString("hex")}@nianbao.test`;
  const password = `pw-${randomBytes(9).toString("base64url")}`;
  const response = await admin.post("/api/admin/users", {
    data: { email, password, role, canExport: options.canExport ?? false, regions: options.regions ?? [] },
  });
  if (response.status() !== 201)
    throw new Error(`creating ${email} failed: ${response.status()} ${await response.text()}`);
  const { user } = (await response.json()) as { user: { id: string } };
  return { id: user.id, email, password };
}

export async function createToken(admin: APIRequestContext, userId: string): Promise<string> {
  const response = await admin.post("/api/tokens", { data: { userId, name: "e2e" } });
  if (response.status() !== 201) throw new Error(`creating a token failed: ${response.status()}`);
  return ((await response.json()) as { token: string }).token;
}
