// The OpenAPI 3.1 document of every route under app/api, generated from the zod schemas the routes parse
// (the dashboard's filter schema and its extensions), so the document cannot drift from what is accepted.
// Served at /api/openapi.json and shown for people at /api-docs. tests/integration/openapi.test.ts checks
// that it validates and names every app/api/**/route.ts.
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { APP_ERRORS } from "@/lib/api/app-error";
import { exportQuerySchema } from "@/lib/export/export-query";
import {
  agencyListQuerySchema,
  metricListQuerySchema,
  regionListQuerySchema,
  reportListQuerySchema,
} from "./api-list-query";

const errorSchema = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(APP_ERRORS) as [string, ...string[]]),
      message: z.string().meta({ description: "给人看的中文说明" }),
    }),
  })
  .meta({ id: "Error" });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().meta({ description: "下一页的 cursor；最后一页为 null" }),
    })
    .meta({ id });

const agencySchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    regionCode: z.string().nullable(),
    regionNames: z.array(z.string()),
    parentId: z.number().int().nullable(),
  })
  .meta({ id: "Agency" });

const regionSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(["province", "city", "county", "town"]),
    parentCode: z.string().nullable(),
    path: z.string(),
  })
  .meta({ id: "Region" });

const cellSchema = z
  .object({
    value: z.number().nullable().meta({ description: "null = 报告中未填写" }),
    inferred: z.boolean().meta({ description: "报告中空白、由报告自身合计推算出" }),
    corrected: z.boolean().meta({ description: "工作人员已更正" }),
  })
  .meta({ id: "Cell" });

const findingSchema = z
  .object({
    id: z.number().int(),
    code: z.string(),
    kind: z.enum(["inconsistent", "uncertain"]),
    severity: z.enum(["error", "warning", "info"]),
    status: z.enum(["open", "confirmed", "dismissed"]),
    origin: z.enum(["reader", "across_years"]),
    cellIds: z.array(z.string()),
    message: z.string(),
  })
  .meta({ id: "Finding" });

const reportSchema = z
  .object({
    id: z.number().int(),
    agency: z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.string(),
      regionCode: z.string().nullable(),
    }),
    year: z.number().int(),
    template: z.enum(["2019", "2021"]),
    versionNo: z.number().int(),
    status: z.enum(["needs_review", "confirmed"]),
    cells: z.record(z.string(), cellSchema).meta({ description: "按单元格编号（如 t3.new.total）" }),
    findings: z.array(findingSchema),
  })
  .meta({ id: "Report" });

const reportMetricsSchema = z
  .object({
    reportId: z.number().int(),
    agency: z.object({ id: z.number().int(), name: z.string() }),
    year: z.number().int(),
    metrics: z.record(z.string(), z.object({ value: z.number().nullable(), n: z.number().nullable() })),
  })
  .meta({ id: "ReportMetrics" });

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const ERRORS = {
  400: json(errorSchema, "输入有误（INVALID_INPUT、INVALID_CURSOR …）"),
  401: json(errorSchema, "未登录或令牌无效"),
  403: json(errorSchema, "没有权限"),
};
const idParams = z.object({ id: z.string().meta({ description: "编号" }) });
const anyJson = z.object({}).catchall(z.unknown());

export function buildOpenApiDocument(options: { serverUrl?: string } = {}) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "API 令牌（系统管理 → API 令牌，或 npm run admin -- token:add）",
  });
  registry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description: "浏览器登录后的会话",
  });
  const get = (
    path: string,
    summary: string,
    description: string,
    query: z.ZodObject | undefined,
    ok: object,
  ) =>
    registry.registerPath({
      method: "get",
      path,
      summary,
      description,
      tags: [path.split("/")[2] ?? "api"],
      request: query ? { query } : undefined,
      responses: { 200: ok, ...ERRORS },
    });

  get(
    "/api/agencies",
    "机构列表",
    "按看板筛选条件（地区、机构类型、机构编号、名称搜索、年度）列出机构，按编号分页。登录即可使用。",
    agencyListQuerySchema,
    json(page(agencySchema, "AgencyPage"), "一页机构"),
  );
  get(
    "/api/regions",
    "地区列表",
    "不带 region 时列出省级地区，带 region 时列出其下一级，按代码分页。登录即可使用。",
    regionListQuerySchema,
    json(page(regionSchema, "RegionPage"), "一页地区"),
  );
  get(
    "/api/reports",
    "报告（含单元格和问题）",
    "按看板筛选条件列出各机构当前版本的报告，含单元格数值（已应用更正）和识别出的问题，按报告编号分页。需要导出权限。",
    reportListQuerySchema,
    json(page(reportSchema, "ReportPage"), "一页报告"),
  );
  get(
    "/api/metrics",
    "指标",
    "按看板筛选条件列出各报告的指标数值和 n（比率在 n 小于最小值时为 null），按报告编号分页。需要导出权限。",
    metricListQuerySchema,
    json(page(reportMetricsSchema, "ReportMetricsPage"), "一页指标"),
  );
  get(
    "/api/export",
    "导出 CSV / Excel",
    "按看板筛选条件导出：long（每个机构 × 年度 × 单元格或指标一行）或 wide（每个机构 × 年度一行）；CSV 为 UTF-8 带 BOM、CRLF，Excel 为 xlsx。流式输出。需要导出权限。",
    exportQuerySchema,
    {
      description: "文件（Content-Disposition 带中文文件名）",
      content: {
        "text/csv": { schema: z.string() },
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { schema: z.string() },
      },
    },
  );
  get("/api/openapi.json", "本文档", "OpenAPI 3.1 文档（JSON）。", undefined, json(anyJson, "OpenAPI 文档"));
  get(
    "/api/auth/me",
    "当前用户",
    "本次请求以谁的身份（会话或令牌）及其权限。",
    undefined,
    json(anyJson, "用户"),
  );
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-in/email",
    summary: "登录",
    description: "邮箱和密码登录，设置会话 Cookie（better-auth）。连续失败会锁定。",
    tags: ["auth"],
    request: {
      body: {
        content: { "application/json": { schema: z.object({ email: z.string(), password: z.string() }) } },
      },
    },
    responses: {
      200: json(anyJson, "已登录"),
      401: json(anyJson, "邮箱或密码错误"),
      429: json(anyJson, "已锁定"),
    },
  });
  registry.registerPath({
    method: "post",
    path: "/api/auth/sign-out",
    summary: "退出登录",
    tags: ["auth"],
    responses: { 200: json(anyJson, "已退出") },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reports",
    summary: "上传报告文件",
    description:
      "multipart/form-data，字段 files（可多个，每次至多 100 个）；每个文件一条结果。填报员和管理员。",
    tags: ["reports"],
    request: {
      body: {
        content: {
          "multipart/form-data": {
            schema: z.object({ files: z.array(z.string().meta({ format: "binary" })) }),
          },
        },
      },
    },
    responses: { 200: json(anyJson, "每个文件的结果"), 503: json(anyJson, "读取队列已满"), ...ERRORS },
  });
  registry.registerPath({
    method: "post",
    path: "/api/reports/fetch",
    summary: "从网址导入报告",
    description:
      "JSON {url}：年报网页、年报文件或年报栏目列表页的网址；列表页上的年报逐个下载并读取，每个文件一条结果（与上传相同，另带 url）。内部地址一律拒绝（FETCH_BLOCKED_ADDRESS），除非服务器的 FETCH_ALLOW_HOSTS 列出。填报员和管理员。",
    tags: ["reports"],
    request: {
      body: {
        content: {
          "application/json": {
            schema: z.object({ url: z.string().meta({ description: "http 或 https 网址" }) }),
          },
        },
      },
    },
    responses: {
      200: json(anyJson, "{url, ok, listPages, results, error?}"),
      503: json(anyJson, "读取队列已满"),
      ...ERRORS,
    },
  });
  get(
    "/api/brief",
    "督查简报（Word）",
    "某地区某年度的督查简报，.docx，与页面 /regions/brief 相同；参数 region、year、kind 与看板网址相同。地区不存在或还没有报告时 404 NOT_FOUND。登录即可使用。",
    z.object({
      region: z.string().optional().meta({ description: "统计用区划代码" }),
      year: z.string().optional().meta({ description: "年度，默认最新有数据的年度" }),
      kind: z.string().optional().meta({ description: "机构类型，逗号分隔" }),
    }),
    {
      description: "Word 文件（Content-Disposition 带中文文件名）",
      content: {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { schema: z.string() },
      },
    },
  );
  registry.registerPath({
    method: "get",
    path: "/api/health",
    summary: "健康检查",
    description:
      "供负载均衡和监控使用，无需登录：数据库可连接且迁移均已执行时 200 {status: ok}，否则 503 及原因代码（DATABASE_UNAVAILABLE、MIGRATIONS_PENDING）。",
    tags: ["health"],
    security: [],
    responses: {
      200: json(anyJson, "正常"),
      503: json(anyJson, "不可用：{status: unavailable, error: {code, message}}"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/api/documents/{id}/file",
    summary: "原始文件",
    description: "按原样下载上传的文件（application/octet-stream）。",
    tags: ["documents"],
    request: { params: idParams },
    responses: {
      200: { description: "文件", content: { "application/octet-stream": { schema: z.string() } } },
      ...ERRORS,
    },
  });
  const admin = (
    method: "get" | "post" | "patch" | "delete",
    path: string,
    summary: string,
    params = false,
  ) =>
    registry.registerPath({
      method,
      path,
      summary,
      description: "仅管理员。",
      tags: [path.split("/")[2] === "admin" ? "admin" : "tokens"],
      request: params ? { params: idParams } : undefined,
      responses: { 200: json(anyJson, "结果"), ...ERRORS },
    });
  admin("get", "/api/admin/users", "用户列表");
  admin("post", "/api/admin/users", "创建用户");
  admin("patch", "/api/admin/users/{id}", "修改用户（角色、地区、导出权限、停用）", true);
  admin("post", "/api/admin/users/{id}/password", "重置密码", true);
  admin("get", "/api/admin/audit", "审计日志");
  admin("get", "/api/tokens", "API 令牌列表");
  admin("post", "/api/tokens", "创建 API 令牌");
  admin("delete", "/api/tokens/{id}", "吊销 API 令牌", true);

  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "年报 Dashboard API",
      version: "1.0.0",
      description:
        "政府信息公开工作年度报告数据的只读接口和导出。筛选参数与看板网址相同（year、years、region、kind、agencies、q）。列表按 cursor 分页：把上一页的 nextCursor 作为 cursor 传入。",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    security: [{ bearer: [] }, { session: [] }],
  });
}
