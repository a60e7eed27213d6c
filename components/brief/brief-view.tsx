// The supervision brief on screen and on paper: the BriefDocument's title, facts, sections and tables.
// Print: A4, no navigation or buttons, tables kept with their titles, rows never split across pages.
import type { BriefDocument, BriefTable } from "@/components/brief/build-brief-document";

export function BriefView({ brief }: { brief: BriefDocument }) {
  return (
    <article className="brief space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-8 print:border-0 print:p-0 print:shadow-none">
      <header className="space-y-2 border-b border-slate-200 pb-4 text-center">
        <h1 className="text-xl font-semibold text-slate-900 sm:text-2xl">{brief.title}</h1>
        <ul className="space-y-0.5 text-xs leading-5 text-slate-600 sm:text-sm">
          {brief.facts.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      </header>
      {brief.sections.map((section) => (
        <section key={section.heading} aria-label={section.heading} className="space-y-3">
          <h2 className="text-lg font-semibold text-slate-900">{section.heading}</h2>
          {section.paragraphs.map((paragraph) => (
            <p key={paragraph} className="text-sm leading-7 text-slate-800">
              {paragraph}
            </p>
          ))}
          {section.tables.map((table) => (
            <BriefTableView key={table.title} table={table} />
          ))}
        </section>
      ))}
    </article>
  );
}

function BriefTableView({ table }: { table: BriefTable }) {
  return (
    <figure className="space-y-1 break-inside-avoid-page">
      <figcaption className="text-sm font-medium text-slate-800">{table.title}</figcaption>
      <div className="overflow-x-auto rounded-md border border-slate-200 print:overflow-visible">
        <table aria-label={table.title} className="min-w-full text-xs sm:text-sm">
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              {table.columns.map((column, index) => (
                <th
                  key={`${index}:${column}`}
                  scope="col"
                  className={`border-b border-slate-200 px-2 py-1.5 font-medium ${index === 0 ? "text-left" : "text-right whitespace-nowrap"}`}
                >
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex} className="break-inside-avoid">
                {row.map((cell, index) => (
                  <td
                    key={index}
                    className={`px-2 py-1 ${index === 0 ? "min-w-40 text-left" : "text-right whitespace-nowrap tabular-nums"}`}
                  >
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
