import type { ReactNode } from "react";

/** An admin table that scrolls sideways inside its own box on a phone: the page itself never does. */
export function AdminTable({
  label,
  className = "",
  minWidth = "min-w-[40rem]",
  children,
}: {
  label: string;
  className?: string;
  /** Below this the box scrolls rather than squeezing a column to a character per line. */
  minWidth?: string;
  children: ReactNode;
}) {
  return (
    <div className={`overflow-x-auto ${className}`}>
      <table className={`w-full border-collapse text-sm ${minWidth}`} aria-label={label}>
        {children}
      </table>
    </div>
  );
}
