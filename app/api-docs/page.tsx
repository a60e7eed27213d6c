// API 文档 — the OpenAPI document (/api/openapi.json) read for people: each route with what it does, who
// may call it and its parameters, and how to call it with a token. Server-rendered from the same document,
// no external script or style (the CSP allows none).
import type { Metadata } from "next";
import { Section } from "@/components/ui/section";
import { ViewHeader } from "@/components/ui/view-header";
import { requireUser } from "@/lib/auth/current-user";
import { describeOpenApiRoutes } from "@/lib/data-api/describe-openapi-routes";
import { buildOpenApiDocument } from "@/lib/data-api/openapi-document";

export const metadata: Metadata = { title: "API 文档" };

export default async function ApiDocsPage() {
  await requireUser();
  const routes = describeOpenApiRoutes(buildOpenApiDocument());
  return (
    <>
      <ViewHeader
        title="API 文档"
        description={
          <>
            脚本可用 API 令牌（<code>Authorization: Bearer …</code>，管理员在“系统管理 → API
            令牌”中创建）以该用户的身份调用以下接口。 筛选参数与看板网址相同；列表按 <code>cursor</code>{" "}
            分页，把上一页返回的 <code>nextCursor</code> 传入即可取下一页。 机器可读的 OpenAPI 3.1 文档：
            <a className="text-blue-800 underline" href="/api/openapi.json">
              /api/openapi.json
            </a>
            。
          </>
        }
      />
      <div className="space-y-6">
        <Section title="示例">
          <pre className="overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-5 text-slate-100">
            {`curl -H "Authorization: Bearer $TOKEN" "https://<本站地址>/api/reports?year=2023&region=500107&cells=t3.new&limit=50"
curl -H "Authorization: Bearer $TOKEN" -o 导出.csv "https://<本站地址>/api/export?year=2023&region=500107&format=long"`}
          </pre>
        </Section>
        {routes.map((route) => (
          <Section
            key={`${route.method} ${route.path}`}
            title={`${route.method} ${route.path}`}
            description={route.summary}
          >
            {route.description ? (
              <p className="text-sm leading-6 text-slate-700">{route.description}</p>
            ) : null}
            {route.parameters.length > 0 ? (
              <div className="overflow-x-auto">
                <table className="w-full min-w-[32rem] text-left text-sm">
                  <caption className="sr-only">{`${route.method} ${route.path} 的参数`}</caption>
                  <thead className="border-b border-slate-200 text-xs text-slate-500">
                    <tr>
                      <th scope="col" className="py-1.5 pr-3 font-medium">
                        参数
                      </th>
                      <th scope="col" className="py-1.5 pr-3 font-medium">
                        位置
                      </th>
                      <th scope="col" className="py-1.5 font-medium">
                        取值
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {route.parameters.map((parameter) => (
                      <tr
                        key={`${parameter.in}${parameter.name}`}
                        className="border-b border-slate-100 align-top"
                      >
                        <td className="py-1.5 pr-3 font-mono">{parameter.name}</td>
                        <td className="py-1.5 pr-3">{parameter.in === "path" ? "路径" : "查询"}</td>
                        <td className="py-1.5 break-all text-slate-700">{parameter.values}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </Section>
        ))}
      </div>
    </>
  );
}
