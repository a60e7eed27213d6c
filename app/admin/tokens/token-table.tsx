import type { ApiTokenRow } from "@/lib/auth/api-tokens";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { ActionForm, ConfirmSubmit } from "../action-form";
import { revokeTokenAction } from "../actions";
import { AdminTable } from "../admin-table";
import { SECONDARY_BUTTON } from "../field-styles";
import { formatDateTime } from "../format-date";

/** API tokens (prefix only — the token itself is never shown again), with a revoke button per live token. */
export function TokenTable({ tokens, showUser }: { tokens: ApiTokenRow[]; showUser: boolean }) {
  if (tokens.length === 0) return <p className="text-sm text-slate-600">暂无令牌。</p>;
  return (
    <AdminTable label="API 令牌">
      <thead className="border-b border-slate-300 text-left text-slate-600">
        <tr>
          {showUser ? <th className="py-2 pr-3 font-medium">用户</th> : null}
          <th className="py-2 pr-3 font-medium">用途</th>
          <th className="py-2 pr-3 font-medium">令牌开头</th>
          <th className="py-2 pr-3 font-medium">创建时间</th>
          <th className="py-2 pr-3 font-medium">最近使用</th>
          <th className="py-2 font-medium">状态</th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className="border-b border-slate-100 align-top">
            {showUser ? <td className="py-2 pr-3">{toDisplayEmail(token.userEmail)}</td> : null}
            <td className="py-2 pr-3">{token.name}</td>
            <td className="py-2 pr-3 font-mono whitespace-nowrap">{token.prefix}…</td>
            <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(token.createdAt)}</td>
            <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(token.lastUsedAt)}</td>
            <td className="py-2">
              {/* The same form before and after revoking, so its result message outlives the row's change. */}
              <ActionForm
                action={revokeTokenAction}
                label={`吊销令牌 ${token.prefix}`}
                className="flex flex-wrap items-center gap-2"
              >
                <input type="hidden" name="tokenId" value={token.id} />
                {token.revokedAt ? (
                  <span>已吊销（{formatDateTime(token.revokedAt)}）</span>
                ) : (
                  <>
                    <span>有效</span>
                    <ConfirmSubmit
                      label="吊销"
                      question="吊销后使用该令牌的脚本立即无法访问，且不可恢复。确定吊销？"
                      confirmLabel="确定吊销"
                      className={SECONDARY_BUTTON}
                    />
                  </>
                )}
              </ActionForm>
            </td>
          </tr>
        ))}
      </tbody>
    </AdminTable>
  );
}
