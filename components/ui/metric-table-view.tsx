"use client";

// The markup of MetricTable, drawn from rows of plain strings. Why a client component: a server-rendered
// table travels twice — as HTML and again as the element tree in the page's RSC payload (≈ 930 bytes a row
// on 排名, 60 rows) — while a client component's payload is only its props, ≈ 150 bytes a row. The cells'
// styles are declared once in globals.css (.metric-table), not repeated as class strings on every cell.
// Row links do not prefetch: a ranking shows 60 agencies, and prefetching each one's page as it scrolls
// into view would cost the server 60 renders of the layout per page view for pages rarely opened.
import Link from "next/link";
import type { ReactNode } from "react";

export interface MetricTableViewRow {
  href: string;
  label: string;
  /** A second line under the name (the agency's region and kind, a region's coverage). */
  detail: string | null;
  /** Shown in the first column when the table has ranks. */
  rank: number | string | null;
  /** One formatted string per number column, in the order of `numberHeaders`. */
  cells: string[];
}

export function MetricTableView({
  label,
  nameHeader,
  numberHeaders,
  showRank,
  rows,
}: {
  label: string;
  nameHeader: string;
  numberHeaders: ReactNode[];
  showRank: boolean;
  rows: readonly MetricTableViewRow[];
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table aria-label={label} className="metric-table min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {showRank ? <th scope="col">排名</th> : null}
            <th scope="col" className="metric-name">
              {nameHeader}
            </th>
            {numberHeaders.map((header, index) => (
              <th key={index} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={row.href}>
              {showRank ? <td>{row.rank ?? "—"}</td> : null}
              <td className="metric-name">
                <div>
                  <Link href={row.href} prefetch={false}>
                    {row.label}
                  </Link>
                  {row.detail ? <div>{row.detail}</div> : null}
                </div>
              </td>
              {row.cells.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
