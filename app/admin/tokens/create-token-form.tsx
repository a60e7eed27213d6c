// The form that creates an API token: on the tokens page the admin picks the user, on a user's page the
// user is given.
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { ActionForm } from "../action-form";
import { createTokenAction } from "../actions";
import { BUTTON } from "../field-styles";
import { SelectField, TextField } from "../fields";

type Props =
  | { users: { id: string; email: string }[]; userId?: never; className: string }
  | { userId: string; users?: never; className: string };

export function CreateTokenForm({ users, userId, className }: Props) {
  return (
    <ActionForm action={createTokenAction} label="新建令牌" className={className}>
      {users ? (
        <SelectField
          label="用户"
          name="userId"
          options={users.map((user) => ({ value: user.id, label: toDisplayEmail(user.email) }))}
        />
      ) : (
        <input type="hidden" name="userId" value={userId} />
      )}
      <TextField label="用途" name="name" required placeholder="如 每晚导出脚本" />
      <button type="submit" className={BUTTON}>
        创建令牌
      </button>
    </ActionForm>
  );
}
