// Department names as reports print them (发改局, 人社局 …) → the official name of the department. Our own
// table: no package lists the abbreviations of 局/委/办 in local use.

/** Abbreviation or variant → official department name. Official names map to themselves (added below). */
const ABBREVIATIONS: Record<string, string> = {
  发改局: "发展和改革局",
  发改委: "发展和改革委员会",
  人社局: "人力资源和社会保障局",
  住建局: "住房和城乡建设局",
  住建委: "住房和城乡建设委员会",
  自然资源局: "自然资源局",
  自规局: "自然资源和规划局",
  资规局: "自然资源和规划局",
  生态环境局: "生态环境局",
  环保局: "环境保护局",
  农业农村局: "农业农村局",
  农业局: "农业局",
  市场监管局: "市场监督管理局",
  卫健委: "卫生健康委员会",
  卫健局: "卫生健康局",
  卫计委: "卫生和计划生育委员会",
  卫计局: "卫生和计划生育局",
  教体局: "教育体育局",
  教育局: "教育局",
  教委: "教育委员会",
  文旅局: "文化和旅游局",
  文广旅局: "文化广电和旅游局",
  文广新旅局: "文化广电新闻出版旅游局",
  文体旅局: "文化体育和旅游局",
  应急局: "应急管理局",
  交通局: "交通运输局",
  交通运输局: "交通运输局",
  水务局: "水务局",
  水利局: "水利局",
  民政局: "民政局",
  财政局: "财政局",
  财政厅: "财政厅",
  审计局: "审计局",
  统计局: "统计局",
  司法局: "司法局",
  公安局: "公安局",
  医保局: "医疗保障局",
  退役军人局: "退役军人事务局",
  退役军人事务局: "退役军人事务局",
  林业局: "林业局",
  林草局: "林业和草原局",
  城管局: "城市管理局",
  综合执法局: "综合行政执法局",
  商务局: "商务局",
  科技局: "科学技术局",
  工信局: "工业和信息化局",
  经信局: "经济和信息化局",
  经信委: "经济和信息化委员会",
  档案局: "档案局",
  行政审批局: "行政审批服务局",
  审批局: "行政审批服务局",
  数据局: "数据局",
  大数据局: "大数据管理局",
  国资委: "国有资产监督管理委员会",
  信访局: "信访局",
  人防办: "人民防空办公室",
  编办: "机构编制委员会办公室",
  乡村振兴局: "乡村振兴局",
  粮食和物资储备局: "粮食和物资储备局",
  粮储局: "粮食和物资储备局",
  体育局: "体育局",
  气象局: "气象局",
  税务局: "税务局",
  政府办: "人民政府办公室",
  政府办公室: "人民政府办公室",
  人民政府办公室: "人民政府办公室",
  政府办公厅: "人民政府办公厅",
  人民政府办公厅: "人民政府办公厅",
};

// Official names seen in full (卫生健康委员会, 发展和改革局 …) are recognised as themselves.
const DEPARTMENTS = new Map<string, string>(Object.entries(ABBREVIATIONS));
for (const full of Object.values(ABBREVIATIONS)) DEPARTMENTS.set(full, full);

/**
 * The official department name for the part of an agency name after its region (发改局 → 发展和改革局), or
 * null when it is not a department we know.
 */
export function matchDepartment(rest: string): string | null {
  return DEPARTMENTS.get(rest) ?? null;
}

/** 局/委/办/厅 endings: a department even when our table does not know its abbreviation. */
export function looksLikeDepartment(rest: string): boolean {
  return /(?:局|分局|委员会|委|办公室|办|厅|署)$/.test(rest);
}
