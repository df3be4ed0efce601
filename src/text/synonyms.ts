/**
 * Synonyms the engine applies at query time (src/engine/settings.ts): one list for every index.
 */

/**
 * Words written differently across the Strait (or by the converter's Traditional → Simplified
 * output, which keeps Taiwan words) and the Mainland word for the same thing. Example: 通讯 / 通信.
 * Each pair becomes a two-way engine synonym.
 */
export const VARIANT_WORDS: [string, string][] = [
  ['通讯', '通信'], ['软体', '软件'], ['网路', '网络'], ['资讯', '信息'], ['行动电话', '手机'], ['伺服器', '服务器'],
  ['影片', '视频'], ['数位', '数字'], ['智慧型', '智能'], ['晶片', '芯片'], ['雷射', '激光'], ['奈米', '纳米'], ['太空', '航天'],
];

/** Common abbreviations and the names they stand for (two-way synonyms). Example: 人社部 / 人力资源社会保障部. */
export const ABBREVIATIONS: [string, string][] = [
  ['人社部', '人力资源社会保障部'], ['人社部', '人力资源和社会保障部'], ['央行', '中国人民银行'], ['发改委', '国家发展改革委'],
  ['工信部', '工业和信息化部'], ['国资委', '国务院国资委'], ['统计局', '国家统计局'], ['中科大', '中国科学技术大学'],
  ['全总', '全国总工会'], ['国新办', '国务院新闻办公室'], ['外交部', '中华人民共和国外交部'], ['世卫组织', '世界卫生组织'],
];
