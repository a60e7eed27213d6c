// One place for the reader's rejections: stable code, Chinese message for staff.
import type { ReadError, ReadErrorCode } from "@/lib/reader/types";

const MESSAGES: Record<ReadErrorCode, string> = {
  EMPTY_FILE: "文件为空，没有可读取的内容。",
  UNSUPPORTED_TYPE: "不支持的文件类型：请上传 TXT、HTML、DOCX 或 PDF 格式的年度报告。",
  CORRUPT_FILE: "文件已损坏或不完整，无法打开。请重新导出或下载后再上传。",
  ENCRYPTED: "PDF 文件已加密，无法读取其中的文字。请上传未加密的版本。",
  NO_TEXT_LAYER: "PDF 没有文字层（可能是扫描件或图片），无法读取。请上传含文字的 PDF、Word 或网页版本。",
  LEGACY_DOC:
    "这是旧版 Word（.doc）或 WPS 文件：读取它需要服务器上装有 LibreOffice（管理员可安装，Debian/Ubuntu：apt-get install libreoffice-writer-nogui）。也可以在 Word 或 WPS 中另存为 DOCX 或 PDF 后再上传。",
  NOT_A_REPORT: "文件中没有找到政府信息公开工作年度报告的表格。",
  PRE_2019_FORMAT: "这是 2019 年以前旧格式的年度报告，其表格与现行模板不同，无法按现行模板读取。",
  TOO_LARGE: "文件过大，超过上传大小限制。",
};

export function makeReadError(code: ReadErrorCode, mediaType: string | null, message?: string): ReadError {
  return { ok: false, error: { code, message: message ?? MESSAGES[code] }, mediaType };
}
