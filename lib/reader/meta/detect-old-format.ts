// Reports before the 2019 template print applications by channel (当面/网络/信函申请) and outcomes as
// 同意公开/不同意公开; they are recognised and rejected rather than misread.

const OLD_MARKERS = [
  "当面申请",
  "网络申请",
  "信函申请",
  "传真申请",
  "同意公开",
  "部分同意公开",
  "不同意公开",
  "否决",
  "申请总数",
  "依申请公开信息目录",
];

/** Text squeezed of spaces and slashes; a title year before 2019 is checked by the caller. */
export function looksLikeOldFormat(normalizedText: string): boolean {
  return OLD_MARKERS.filter((marker) => normalizedText.includes(marker)).length >= 2;
}
