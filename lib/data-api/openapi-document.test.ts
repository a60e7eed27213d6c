// The OpenAPI document validates as OpenAPI 3.1 (swagger-parser, an independent validator) and names every
// route handler under app/api with each method it exports — routes are found on disk, so a route added
// later without documentation fails here.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { buildOpenApiDocument } from "./openapi-document";

const API_DIR = path.join(process.cwd(), "app", "api");

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

const routes = findRouteFiles(API_DIR).map((file) => ({
  path:
    "/api/" +
    path
      .relative(API_DIR, path.dirname(file))
      .split(path.sep)
      .map((segment) => segment.replace(/^\[(\.\.\.)?(\w+)\]$/, "{$1$2}"))
      .join("/"),
  methods: [
    ...readFileSync(file, "utf8").matchAll(
      /export (?:const|(?:async )?function) (GET|POST|PUT|PATCH|DELETE)\b/g,
    ),
  ].map((match) => match[1]!.toLowerCase()),
}));

describe("the OpenAPI document", () => {
  test("is valid OpenAPI 3.1", async () => {
    const document = buildOpenApiDocument({ serverUrl: "http://127.0.0.1:3000" });
    expect(document.openapi).toBe("3.1.0");
    await expect(
      SwaggerParser.validate(structuredClone(document) as unknown as OpenAPIV3_1.Document),
    ).resolves.toBeTruthy();
  });

  test("lists every route under app/api with the methods it exports", () => {
    const paths = buildOpenApiDocument().paths ?? {};
    expect(routes.length).toBeGreaterThan(10);
    const missing: string[] = [];
    for (const route of routes) {
      // app/api/[...path]: every address no route serves answers 404 ROUTE_NOT_FOUND — nothing to document.
      if (route.path === "/api/{...path}") continue;
      // better-auth's catch-all: what it serves over HTTP is sign-in and sign-out (README, Security notes).
      const documented = route.path.includes("{...")
        ? Object.keys(paths).filter((p) => p.startsWith(route.path.slice(0, route.path.indexOf("{..."))))
        : [route.path];
      // Its GET answers 404 for every path (app/api/auth/[...all]/route.ts): nothing to document.
      const methods = route.path.includes("{...") ? route.methods.filter((m) => m !== "get") : route.methods;
      for (const method of methods) {
        const found = documented.some((p) => (paths[p] as Record<string, unknown> | undefined)?.[method]);
        if (!found) missing.push(`${method.toUpperCase()} ${route.path}`);
      }
    }
    expect(missing).toEqual([]);
    for (const required of ["/api/export", "/api/agencies", "/api/regions", "/api/reports", "/api/metrics"])
      expect(Object.keys(paths)).toContain(required);
  });

  test("the export's parameters are the dashboard's filters and the export's own", () => {
    const operation = buildOpenApiDocument().paths?.["/api/export"]?.get;
    const names = (operation?.parameters ?? []).map((parameter) =>
      "name" in parameter ? parameter.name : "",
    );
    expect(names).toEqual(
      expect.arrayContaining([
        "year",
        "years",
        "region",
        "kind",
        "agencies",
        "q",
        "cells",
        "metrics",
        "format",
        "type",
      ]),
    );
  });
});
