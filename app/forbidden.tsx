import { ForbiddenNotice } from "@/components/forbidden-notice";

// Rendered with status 403 when a page or server action calls forbidden() (requirePermission()).
export default function Forbidden() {
  return <ForbiddenNotice />;
}
