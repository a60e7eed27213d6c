// What a fetched web page is to the importer, and where its reports are: a report page (its text carries
// the template's table headings — it is imported itself), or a list page whose links to annual reports,
// report files and the next page of the list are followed within the same site. Pure: bytes and the page's
// address in, links out.
//   const page = readWebPage(bytes, new URL("https://www.a.gov.cn/col/col123/index.html"));
//   page.isReport → import it;  page.links → [{ url, text, kind: "page" | "file" | "next" }]
import * as cheerio from "cheerio";
import { decodeText } from "@/lib/reader/extract/decode-text";

export type LinkKind = "page" | "file" | "next";

export interface ReportLink {
  url: URL;
  text: string;
  kind: LinkKind;
}

export interface WebPage {
  isReport: boolean;
  title: string;
  links: ReportLink[];
}

/** Headings of the national template's tables: a page that prints them is a report. */
const REPORT_MARKERS = [
  /收到和处理政府信息公开申请情况/,
  /政府信息公开行政复议、行政诉讼情况/,
  /本年新收政府信息公开申请数量/,
];
/** Link text or address that names an annual report (or its column). */
const REPORT_WORDS = /年报|年度报告|工作报告|信息公开.{0,6}报告/;
const FILE_EXTENSIONS = /\.(pdf|docx?|wps|txt)$/i;
const NEXT_PAGE = /^(下一?页|后一?页|>|›|»)$/;

export function readWebPage(bytes: Uint8Array, pageUrl: URL): WebPage {
  const declared = /charset=["']?([\w-]+)/i.exec(
    new TextDecoder("latin1").decode(bytes.subarray(0, 2048)),
  )?.[1];
  const html = decodeText(bytes, declared)?.text ?? "";
  const $ = cheerio.load(html);
  const text = $("body").text();
  const title = $("title").first().text().trim();
  const isReport = REPORT_MARKERS.filter((marker) => marker.test(text)).length >= 1;
  const base = resolveBase($("base[href]").attr("href"), pageUrl);
  const links: ReportLink[] = [];
  const seen = new Set<string>();
  $("a[href]").each((_index, element) => {
    const anchor = $(element);
    const url = toUrl(anchor.attr("href") ?? "", base);
    if (!url || !isSameSite(url, pageUrl) || seen.has(url.href) || url.href === pageUrl.href) return;
    const label = `${anchor.text()} ${anchor.attr("title") ?? ""}`.replace(/\s+/g, " ").trim();
    const kind = classifyLink(url, label);
    if (!kind) return;
    seen.add(url.href);
    links.push({ url, text: label.slice(0, 200), kind });
  });
  return { isReport, title, links };
}

function classifyLink(url: URL, label: string): LinkKind | null {
  if (NEXT_PAGE.test(label)) return "next";
  const named = REPORT_WORDS.test(label) || REPORT_WORDS.test(safeDecode(url.pathname));
  if (FILE_EXTENSIONS.test(url.pathname)) return named || /附件|下载|全文/.test(label) ? "file" : null;
  return named ? "page" : null;
}

/** Same site: the same host, or hosts that differ only by a leading "www." or by a subdomain of it. */
export function isSameSite(url: URL, site: URL): boolean {
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const bare = (host: string) => host.toLowerCase().replace(/^www\./, "");
  const a = bare(url.hostname);
  const b = bare(site.hostname);
  return a === b || a.endsWith(`.${b}`);
}

function resolveBase(href: string | undefined, pageUrl: URL): URL {
  return (href && toUrl(href, pageUrl)) || pageUrl;
}

function toUrl(href: string, base: URL): URL | null {
  if (/^\s*(javascript|mailto|tel|data):/i.test(href)) return null;
  try {
    const url = new URL(href.trim(), base);
    url.hash = "";
    return url;
  } catch {
    return null;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
