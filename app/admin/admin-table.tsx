import type { ReactNode } from "react";

/** An admin table that scrolls sideways inside its own box on a phone: the page itself never does. */
export function AdminTable({
  label,
  className = "",
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={`overflow-x-auto ${className}`}>
      <table className="w-full min-w-[36rem] border-collapse text-sm" aria-label={label}>
        {children}
      </table>
    </div>
  );
}
