// The form that creates an API token: on the tokens page the admin picks the user, on a user's page the
// user is given.
import { ActionForm } from "../action-form";
import { createTokenAction } from "../actions";
import { BUTTON, Field, INPUT } from "../fields";

type Props =
  | { users: { id: string; email: string }[]; userId?: never; className: string }
  | { userId: string; users?: never; className: string };

export function CreateTokenForm({ users, userId, className }: Props) {
  return (
    <ActionForm action={createTokenAction} label="新建令牌" className={className}>
      {users ? (
        <Field label="用户">
          <select name="userId" required className={INPUT}>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.email}
              </option>
            ))}
          </select>
        </Field>
      ) : (
        <input type="hidden" name="userId" value={userId} />
      )}
      <Field label="用途">
        <input name="name" required placeholder="如 每晚导出脚本" className={INPUT} />
      </Field>
      <button type="submit" className={BUTTON}>
        创建令牌
      </button>
    </ActionForm>
  );
}
