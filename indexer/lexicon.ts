/**
 * Patterns for Chinese news text, in one place. Each entry says what it matches, with an example.
 */

/** A Han character (CJK Unified Ideographs, Extension A, compatibility block). Example: 金. */
export const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
/** Chinese full-width punctuation and brackets. Example: ，。“”（）《》、 */
export const CJK_PUNCT = '\\u3000-\\u303f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65\\u2018-\\u201d\\u2026\\u2014';

/** Characters that end a sentence, with the closing quotes or brackets that may follow. Example: 。” */
export const SENTENCE_END = /[。！？!?；;…]+[”’」』）)]*$/;

/** Ends that close a paragraph on a hard-wrapped page: sentence ends, not commas. Example: 举行。 */
export const PARAGRAPH_END = /[。！？!?…]+[”’」』）)]*$/;

/**
 * A news agency dateline at the start of a paragraph: agency, optional place, month, day, "电".
 * Examples: 新华社俄罗斯喀山10月23日电, 据新华社北京6月23日电, 中新网北京10月23日电.
 */
export const DATELINE =
  /^\s*(?:据)?(新华社|中新社|中新网|中央社|人民网|央视网|新华网|路透社|法新社|美联社)(?:记者)?([\u4e00-\u9fff·]{0,12}?)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*电/;

/** A paper's own-report marker at the start of a paragraph. Example: 本报讯 （记者郝赫）, 本报北京10月23日电 */
export const OWN_REPORT = /^\s*本报(?:讯|([\u4e00-\u9fff]{0,8}?)\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*电)/;

/** Reporters named in brackets after a dateline. Example: （记者倪四义 胡晓光）, (记者 杨依军) */
export const REPORTERS_IN_BRACKETS = /[（(]\s*(?:本报)?记者\s*([^）)]{2,60})[）)]/;

/** A photo credit that ends a caption. Example: 新华社记者 李学仁 摄 */
export const PHOTO_CREDIT = /(?:记者|通讯员)?\s*[\u4e00-\u9fff·]{2,4}\s*摄\s*[）)]?\s*$/;

/** A full date. Example: 2024年10月23日, 2022-06-23. Groups: year, month, day. */
export const FULL_DATE = /(20\d{2}|19\d{2})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?/g;

/**
 * The default topic taxonomy (DESIGN: Topics) with the words that decide each topic.
 * An article's topic score counts these words; the title counts three times.
 */
export const TOPIC_WORDS: Record<string, string[]> = {
  时政: ['中央', '国务院', '全国人大', '政协', '党中央', '总书记', '主席', '总理', '会议', '部署', '政府工作'],
  外交: ['外交', '会晤', '会见', '峰会', '金砖', '双边', '多边', '大使', '总统', '伙伴关系', '联合国', '国事访问', '外长', '领导人', '国际'],
  经济: ['经济', '增长', '投资', '消费', '市场', '企业', '产业', '工业', '贸易', '金融', '同比', '增加值', 'GDP', '出口', '进口', '综保区', '海关'],
  科技: ['科技', '创新', '研发', '技术', '人工智能', '芯片', '5G', '数字', '互联网', '卫星', '科研'],
  能源: ['能源', '新能源', '光伏', '风电', '电力', '石油', '天然气', '煤炭', '核电', '储能', '氢能', '电池'],
  环境: ['环境', '生态', '污染', '碳排放', '绿色', '气候', '环保', '减排', '碳中和'],
  社会: ['社会', '社保', '就业', '职工', '民生', '养老', '医保', '工会', '群众', '服务', '社区', '持卡'],
  法治: ['法治', '法律', '法院', '检察', '司法', '违法', '犯罪', '执法', '立法', '判决'],
  文化: ['文化', '文艺', '艺术', '博物馆', '文物', '电影', '非遗', '旅游', '传统'],
  教育: ['教育', '学校', '学生', '高校', '教师', '大学', '招生', '课程'],
  体育: ['体育', '比赛', '运动员', '冠军', '奥运', '足球', '篮球', '联赛', '赛事'],
  健康: ['健康', '医疗', '医院', '疾病', '疫情', '卫生', '药品', '疫苗', '患者'],
  农业: ['农业', '农村', '农民', '粮食', '种植', '乡村振兴', '耕地', '农产品'],
  交通: ['交通', '铁路', '高铁', '公路', '航空', '机场', '港口', '地铁', '航运', '车辆'],
  军事: ['军事', '军队', '国防', '部队', '解放军', '演习', '武器', '军舰'],
};
