/**
 * Patterns for Chinese news text, in one place. Each entry says what it matches, with an example.
 */

/** Characters that end a sentence, with the closing quotes or brackets that may follow. Example: 。” */
export const SENTENCE_END = /[。！？!?；;…]+[”’」』）)]*$/;

/** Ends that close a paragraph on a hard-wrapped page: sentence ends, not commas. Example: 举行。 */
export const PARAGRAPH_END = /[。！？!?…]+[”’」』）)]*$/;

/**
 * A news agency dateline at the start of a paragraph: agency, optional place, the year if printed,
 * month, day, "电". Examples: 新华社俄罗斯喀山10月23日电, 据新华社北京6月23日电, 中新网北京10月23日电,
 * 新华社北京2024年10月18日电. Groups: agency, place, year, month, day.
 */
export const DATELINE =
  /^\s*(?:据)?(?<agency>新华社|中新社|中新网|中央社|人民网|央视网|新华网|路透社|法新社|美联社)(?:记者)?(?<place>[\u4e00-\u9fff·]{0,12}?)\s*(?:(?<year>(?:19|20)\d{2})\s*年\s*)?(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*日\s*电/;

/**
 * A wire credited without a date at the start of a paragraph: the agency's copy, reprinted.
 * Examples: 据新华社电, 据中新社北京电. Groups: agency. Never an article's start by itself: the same
 * words open a paragraph of reported speech inside an article (据新华社报道 is not matched either).
 */
export const WIRE_CREDIT = /^\s*据(?<agency>新华社|中新社|中新网|中央社|人民网|央视网|新华网|路透社|法新社|美联社)[\u4e00-\u9fff·]{0,12}?电/;

/**
 * The start of a dateline that a line break cut short: the agency, a place and a date still to
 * come. Examples: 据新华社厦门3月, 新华社太原11月10日, 新华社北京; a paper's own report once its
 * date has begun: 本报深圳10月1. A line that opens so opens a paragraph.
 */
export const DATELINE_START =
  /^\s*(?:(?:据)?(?:新华社|中新社|中新网|中央社|人民网|央视网|新华网)(?!记者)[\u4e00-\u9fff·]{1,12}(?:\d{1,2}\s*(?:月\s*(?:\d{1,2}\s*日?)?)?)?|本报(?!记者)[\u4e00-\u9fff]{1,8}?\d{1,2}\s*(?:月\s*(?:\d{1,2}\s*日?)?)?)$/;

/**
 * A paper's own-report marker at the start of a paragraph. Examples: 本报讯 （记者郝赫）, 本报北京10月23日电,
 * 本报杭州3月7日讯, 本报杭州2024年3月7日讯. Groups: place, year, month, day.
 */
export const OWN_REPORT = /^\s*本报(?:讯|(?<place>[\u4e00-\u9fff]{0,8}?)\s*(?:(?<year>(?:19|20)\d{2})\s*年\s*)?(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*日\s*[电讯])/;

/**
 * Another outlet's report marker at the start of a paragraph, as papers and sites credit what they
 * print: a name ending in 报, 网, 社, 台, 新闻 or 科技, then 讯 or 快讯. Examples: 某某晚报讯（记者…）,
 * 某某网讯 北京时间…, 某某科技讯 9月11日消息. Not 通讯 or 资讯: the name before 讯 is an outlet's.
 */
export const OUTLET_REPORT = /^\s*[\u4e00-\u9fff]{1,8}(?:报|网|社|台|新闻|科技|财经|客户端)快?讯(?=[\s\d（(“\u4e00-\u9fff]|$)/;

/** A paragraph that opens an article: a wire or own-report dateline (新华社北京6月1日电, 本报讯, 某某报讯). */
export function isArticleStart(text: string): boolean {
  return DATELINE.test(text) || OWN_REPORT.test(text) || OUTLET_REPORT.test(text);
}

/** Reporters named in brackets after a dateline. Example: （记者倪四义 胡晓光）, (记者 杨依军) */
export const REPORTERS_IN_BRACKETS = /[（(]\s*(?:本报)?记者\s*([^）)]{2,60})[）)]/;

/** A photo credit that ends a caption. Example: 新华社记者 李学仁 摄 */
export const PHOTO_CREDIT = /(?:记者|通讯员)?\s*[\u4e00-\u9fff·]{2,4}\s*摄\s*[）)]?\s*$/;

/** A full date. Example: 2024年10月23日, 2022-06-23. Groups: year, month, day. */
export const FULL_DATE = /(20\d{2}|19\d{2})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*日?/g;

/**
 * The default topic taxonomy (docs/design.md: Topics) with the words that decide each topic.
 * An article's topic score counts these words; the title counts three times.
 */
export const TOPIC_WORDS: Record<string, string[]> = {
  时政: ['中央', '国务院', '全国人大', '人大常委会', '政协', '党中央', '总书记', '政府工作', '党委', '干部', '反腐', '巡视', '全会'],
  外交: ['外交', '会晤', '会见', '峰会', '金砖', '双边', '多边', '大使', '总统', '总理', '伙伴关系', '联合国', '国事访问', '外长', '领导人', '国际秩序', '全球治理', '合作机制', '睦邻'],
  经济: ['经济', '增长', '投资', '消费', '市场', '产业', '产业链', '工业', '贸易', '经贸', '金融', '同比', '增加值', 'GDP', '出口', '进口', '综保区', '保税区', '海关', '制造业', '营收', '规模以上', '成本'],
  科技: ['科技', '创新', '研发', '技术', '人工智能', '芯片', '5G', '数字化', '数字经济', '互联网', '工业互联网', '卫星', '科研', '院士', '数据', '算力', '智能', '信息化', '软件', '标识解析', '云计算', '量子', '科学家', '研究团队', '实验室', '学术期刊', '科学技术', '电商', '直播', '航天', '载人航天', '空间站', '火箭', '飞船', '航天员', '探月', '机器人', '大模型', '发射'],
  能源: ['能源', '新能源', '光伏', '风电', '电力', '石油', '天然气', '煤炭', '核电', '储能', '氢能', '电池', '装机', '发电', '清洁能源'],
  环境: ['环境', '生态', '污染', '碳排放', '绿色低碳', '气候变化', '环保', '减排', '碳中和', '碳达峰', '湿地', '鸟类', '候鸟', '水鸟', '野生动物', '野生动植物', '生物多样性', '自然保护区', '保护区', '国家公园', '栖息地', '物种', '濒危', '森林', '植树', '造林', '绿化', '草原', '荒漠化', '水土保持', '河湖', '水质', '空气质量', '雾霾', '污水', '垃圾分类', '生态修复', '气象', '天气', '降雨', '降水', '暴雨', '台风', '寒潮', '高温', '气温', '干旱', '洪涝', '气候'],
  社会: ['社会保障', '社保', '社保卡', '就业', '职工', '民生', '养老', '医保', '工会', '群众', '社区', '持卡', '居民', '公共服务', '救助', '慈善', '志愿者', '残疾人', '未成年人', '老年人', '住房', '安全生产', '事故', '消防', '应急', '救援', '市民'],
  法治: ['法治', '法律', '法院', '检察', '司法', '违法', '犯罪', '执法', '立法', '判决'],
  文化: ['文化', '文艺', '艺术', '博物馆', '文物', '电影', '非遗', '旅游', '文明', '文学', '作家', '小说', '诗歌', '书法', '绘画', '美术', '音乐', '演出', '戏曲', '话剧', '展览', '图书馆', '出版', '阅读', '纪录片', '电视剧', '票房', '传统文化', '考古', '古籍', '遗址', '民俗', '春节', '文化遗产'],
  教育: ['教育', '学校', '学生', '高校', '教师', '大学', '招生', '课程', '幼儿园', '中小学', '高考', '考试', '毕业生', '师生', '校园', '学子'],
  体育: ['体育', '比赛', '运动员', '冠军', '奥运', '足球', '篮球', '联赛', '赛事'],
  健康: ['健康', '医疗', '医院', '疾病', '疫情', '卫生', '药品', '疫苗', '患者', '就医', '医生', '护士', '诊疗', '手术', '治疗', '癌症', '肿瘤', '病毒', '传染病', '公共卫生', '体检', '营养', '慢性病', '心理健康', '中医药', '门诊', '住院', '医护'],
  农业: ['农业', '农村', '农民', '粮食', '种植', '乡村振兴', '耕地', '农产品', '农田', '春耕', '播种', '小麦', '水稻', '玉米', '农机', '种粮', '施肥', '灌溉', '丰收', '农户', '养殖', '乡村', '村民', '茶农', '果农', '菜农', '农损'],
  交通: ['交通', '铁路', '高铁', '公路', '航空', '机场', '港口', '地铁', '航运', '车辆', '吞吐量', '集装箱', '航道', '物流', '客运', '货运', '航班', '列车', '出行', '道路', '汽车'],
  军事: ['军事', '军队', '国防', '部队', '解放军', '演习', '武器', '军舰'],
};

/**
 * Pinyin inserted after a Han character by some scrapers, with tone marks or tone digits:
 * 學(xué)習, 會(huì )晤, 发(fa1)展. Latin text in brackets without tones (世卫组织(WHO)) is left alone.
 */
export const INLINE_PINYIN =
  /(?<=[\u3400-\u9fff])[(（]\s*(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]|[a-zü]{1,6}[1-5]\s*[)）])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[1-5]?\s*[)）]/g;

/** A jump note of a newspaper page, letter-spaced too (justified lines). Examples: （下转第3版）, （上接第 1 版）, （ 上 接 第 1 版 ）, （转第 5 版）. Groups: direction, page. */
export const JUMP_NOTE = /[（(]\s*(下\s*转|上\s*接|转|接)\s*第\s*(\d{1,3})\s*版\s*[）)]/;

/** The marker line of an advertisement on a newspaper page. Examples: 广告, （广告）, 广 告. */
export const AD_MARK = /^[（(【\[]?\s*广\s*告\s*[）)】\]]?$/;

/**
 * Lines of advertisement copy: contact details and notices. Examples: 联系电话：0531-8519 3888,
 * 地址：人民路88号, 订报热线：96xxx, 某公司遗失公章一枚，声明作废。
 */
export const AD_COPY = /(?:电话|热线|手机|地址|网址|邮箱|微信|咨询|联系人|订购|报名)\s*[:：]|\d{3,4}[-－ ]?\d{4}[ -]?\d{3,4}|声明作废|特此声明/;

/** A contact line: a short label and a number or address after it. Examples: 订报热线：96xxx, 咨询电话：0551-6288 1234. */
export const CONTACT_LINE = /^[\u4e00-\u9fff]{0,4}(?:电话|热线|手机|邮箱|微信|网址)\s*[:：]\s*[\d（(a-zA-Z]/;

/**
 * Page furniture: whole lines that are never article text. Each entry: what it matches.
 */
export const FURNITURE_LINES: { rule: string; pattern: RegExp }[] = [
  // App promotions of regional papers: 扫码下载齐鲁壹点, 找记者 上壹点
  { rule: 'furniture/app-promo', pattern: /^(?:扫码(?:下载|关注|阅读)|找记者\s*上|下载.{0,8}客户端|长按(?:识别|扫码))/ },
  // Production credits on a print page: 编辑:于梅君 美编:马秀霞 组版:颜莉
  { rule: 'furniture/print-credits', pattern: /^(?:责任)?编辑\s*[:：].{0,20}(?:美编|组版|校对|审读)\s*[:：]/ },
  // Site credits of a web feature: 总监制丨钱蔚 王姗姗, 编辑丨程昱, 视觉丨江雨航
  { rule: 'furniture/site-credits', pattern: /^(?:总监制|监制|制片人|出品人|主编|编辑|责编|责任编辑|视觉|设计|校对|审核|统筹|策划|撰稿|文案|海报|视频|剪辑)\s*[丨|｜]/ },
  // Topic and related-news headers of a news site: 专题:…, 国内新闻精选:, 相关新闻
  { rule: 'furniture/site-nav', pattern: /^(?:专题\s*[:：]|[\u4e00-\u9fff]{0,6}(?:新闻)?精选\s*[:：]?$|相关(?:新闻|阅读|推荐|报道)\s*[:：]?$|热门推荐|延伸阅读\s*[:：]?$|返回(?:顶部|首页))/ },
  // A bare timestamp from a list of news items: 2025年07月01日 22:08:32, 2025-07-01 10:51
  { rule: 'furniture/timestamp', pattern: /^\d{4}(?:年|-|\/)\d{1,2}(?:月|-|\/)\d{1,2}日?\s+\d{1,2}:\d{2}(?::\d{2})?$/ },
  // Image placeholders and image-only lines: [图片], 图片, ![](…), image.jpg
  { rule: 'furniture/image', pattern: /^(?:\[图片\]|【图片】|图片|图\d*|!\[[^\]]*\]\([^)]*\)|\S+\.(?:jpe?g|png|gif|webp))$/i },
  // Share and copy prompts of web pages: 分享到：, 【纠错】, 责任编辑：张三
  { rule: 'furniture/share', pattern: /^(?:分享到\s*[:：]?|【纠错】|【打印】|【关闭】|责任编辑\s*[:：]\s*[\u4e00-\u9fff]{2,4}$)/ },
  // Where a page sits in its site: 首页 > 新闻 > 国内, 当前位置：首页 » 财经 » 正文
  { rule: 'furniture/breadcrumb', pattern: /^(?:当前位置|您的位置|你的位置|位置)?\s*[:：]?\s*[^\s>»›]{1,12}(?:\s*[>»›]+\s*[^\s>»›]{1,16}){2,}\s*$/ },
  // A site's menu printed as a line of short words: 首页 新闻 体育 财经 娱乐 科技 (words of two or more
  // characters: a letter-spaced headline, 通 关 只 用 几 秒 钟, is not a menu)
  { rule: 'furniture/navigation', pattern: /^(?:[\u4e00-\u9fffA-Za-z]{2,4}(?:\s+|\s*[|｜]\s*)){4,}[\u4e00-\u9fffA-Za-z]{2,4}$/ },
  // The headline a reposted article had: （原标题：…）, 原标题：…
  { rule: 'furniture/original-title', pattern: /^[（(]?\s*原标题\s*[:：].{2,80}[）)]?$/ },
  // Calls to action of web pages: …【点击投票】, 点击查看原文, 扫码关注…
  { rule: 'furniture/call-to-action', pattern: /【点击[^】]{0,8}】|^(?:点击(?:查看|阅读|进入|投票|下载|关注)|阅读原文|查看原文|戳这里|长按二维码)/ },
  // Notices of reposting platforms and image rights: 图片来自网络，如有侵权，请联系删除。 特别声明：以上内容…
  { rule: 'furniture/notice', pattern: /^(?:特别声明|免责声明|版权声明|声明)\s*[:：]|如有侵权.{0,12}(?:删除|联系)|^(?:Notice|Disclaimer)\s*:/i },
];

/**
 * Family names: a reporter's name in a byline starts with one (the common single ones of 百家姓 and
 * today's usage, and the compound ones), so a column's or a kicker's words after 记者 (记者走进一线)
 * are no names. Example: 张 in 张明, 欧阳 in 欧阳修文.
 */
export const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从鄂索咸籍赖卓蔺屠蒙池乔阴胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍却璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公仉督岳帅缑亢况郈有琴归海晋楚闫法汝鄢涂钦商牟佘佴伯赏墨哈谯笪年爱阳佟言福付肖覃揭';
/** The hundred commonest surnames, by how many people bear them (the Ministry of Public Security's 2020 count): a name's start beyond doubt. */
export const COMMON_SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤';
export const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '百里', '呼延', '赫连', '澹台', '公冶', '宗政', '濮阳', '太史', '申屠', '钟离', '闻人', '万俟', '拓跋'];
/** A person's name in a byline: a family name and one to three more characters. */
const PERSON = `(?:${COMPOUND_SURNAMES.join('|')}|[${SURNAMES}])[\\u4e00-\\u9fff·]{1,3}`;

/** A line of reporters' names only (a byline), bracketed too as a credit after the text. Examples: 记者 闫丽君 吕奇, 本报记者 赖志凯 周子元, 新华社记者姜琳, （记者 韦琳）; a column's name (记者调查, 记者手记) or a kicker's words (记者走进一线 探访发) are none: names start with a family name. Group: names. */
export const BYLINE = new RegExp(
  `^[（(]?\\s*(?:[\\u4e00-\\u9fff]{1,8}?(?:报|社|网|台))?(?:首席|特派|特约|见习)?(?:记者|通讯员)\\s*(?!(?:调查|手记|观察|专访|札记|来信|探访|走访|连线|视点|在线)$)(${PERSON}(?:(?:\\s+|[、，,]\\s*)(?:(?:通讯员|记者)\\s*)?${PERSON}){0,5})\\s*[）)]?$`,
);

/** A photo credit closing a caption. Examples: 新华社记者 李学仁 摄, 记者 戴伟 摄, 张三/摄. */
export const PHOTO_CREDIT_END = /(?:^|[\s。）)])(?:[\u4e00-\u9fff]{0,6}记者|通讯员|摄影)?\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,2}\s*[/／]?\s*摄\s*[）)]?$/;

/**
 * A caption's note on where an image or a still comes from, ending its line: a caption, not
 * article text (the text before it is not taken along). Examples: …场边支招。视频截图, 图片来源：某官网, 资料图.
 */
export const IMAGE_NOTE_END = /(?:(?:视频|网络|资料)?截图|供图|资料图|配图|(?:图片来源|图源|图片)\s*[:：]\s*\S{2,16})\s*[）)]?$/;

/** A speaker's line under a speech's headline. Examples: 中华人民共和国主席 习近平, 国务院总理 李强. */
export const AUTHOR_LINE = /^[\u4e00-\u9fff]{0,16}(?:主席|副主席|总理|副总理|总统|总书记|书记|部长|委员长|省长|市长|院长|主任)\s+[\u4e00-\u9fff·]{2,4}$/;

/**
 * Reporters credited in brackets at the end of an article's last paragraph, after its last
 * sentence, as many papers print them. Examples: …稳步推进。（记者 孙某某）, …的问题。(本报记者 周某 吴某某).
 * Group 1: the names, roles still among them.
 */
export const CREDIT_AT_END = /(?:^|[。！？!?…”’」』])\s*[（(]\s*(?:本报)?(?:首席|特约|见习)?(?:记者|通讯员)\s*([^（）()]{2,40})[）)]\s*$/;

/** A dateline at the end of an article, as some papers print it. Example: …目标。 新华社北京10月23日电 */
export const DATELINE_AT_END =
  /(?<agency>新华社|中新社|中新网|人民网|央视网|新华网)(?<place>[\u4e00-\u9fff·]{0,12}?)\s*(?:(?<year>(?:19|20)\d{2})\s*年\s*)?(?<month>\d{1,2})\s*月\s*(?<day>\d{1,2})\s*日\s*电\s*$/;

/** A year with a month: context for datelines that give only month and day. Example: 截至2024年9月底. Groups: year, month. */
export const YEAR_MONTH = /(20\d{2}|19\d{2})\s*年\s*(\d{1,2})\s*月/g;

/**
 * Headline lines that introduce the title: a lead-in ending in a dash (以…体系——) or a short
 * exclamation (超10.3亿人领用！). A short tag over a longer title (稳就业) is one too: see split.
 */
export const KICKER_LEAD = /(?:——|--)$|^.{1,16}[！!]$/;
/** Lines that follow a title as its subtitle: ——在…上的讲话, （2024年10月23日，喀山）. */
export const KICKER_SUB = /^(?:——|--)|^[（(][^（）()]{2,30}[）)]$/;

/**
 * Place names for articles without a dateline: provinces, municipalities and major cities.
 * A city is preferred to its province when both are named.
 */
export const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东', '河南',
  '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏', '宁夏', '新疆', '香港', '澳门',
];
export const CITIES = [
  '石家庄', '唐山', '保定', '太原', '大同', '沈阳', '大连', '长春', '吉林市', '哈尔滨', '南京', '苏州', '无锡', '常州', '南通', '徐州', '扬州',
  '杭州', '宁波', '温州', '绍兴', '嘉兴', '金华', '合肥', '芜湖', '福州', '厦门', '泉州', '南昌', '赣州', '济南', '青岛', '烟台', '潍坊', '淄博',
  '威海', '临沂', '济宁', '泰安', '日照', '德州', '聊城', '滨州', '菏泽', '枣庄', '东营', '郑州', '洛阳', '开封', '武汉', '宜昌', '襄阳', '长沙',
  '株洲', '岳阳', '广州', '深圳', '珠海', '佛山', '东莞', '中山', '汕头', '惠州', '海口', '三亚', '成都', '绵阳', '贵阳', '遵义', '昆明', '大理',
  '西安', '延安', '兰州', '西宁', '呼和浩特', '包头', '南宁', '桂林', '拉萨', '银川', '乌鲁木齐', '喀什', '雄安',
];

/**
 * What a damaged scrape leaves of HTML and of unrepairable bytes: tags or their halves
 * ('</p>', '/p>', '<br/>') and runs of '?' with punctuation only ('?!?').
 */
export const HTML_REMNANT = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|(?<![A-Za-z])\/(?:p|div|span|br|li|td)>|\?[!！,，.。]*\?(?=[\/<]|$)/gi;

/** The kinds of newspaper a paper's name ends with. Examples: 齐鲁晚报, 江南都市报, 工人日报. */
const PAPER_KINDS = '日报|晚报|早报|晨报|都市报|商报|时报|青年报|法治报|经济报|导报';

/** A newspaper's name alone (spaces of a letter-spaced masthead removed first). Example: 工人日报. */
export const PAPER_NAME = new RegExp(`^[\u4e00-\u9fff]{2,8}?(?:${PAPER_KINDS})$`);

/**
 * What a newspaper page prints around its articles, at its head or foot, in any order and on one
 * line or several as the extractor leaves it: the paper's name, the date and weekday, the lunar
 * date, page and edition numbers, a section name, the serial number, postal code, and the
 * page's staff. A line made only of these is page furniture (split.ts reads its facts). Each
 * entry: its name and what it matches.
 */
export const PAGE_HEAD_TOKENS: { name: 'paper' | 'date' | 'weekday' | 'page' | 'serial' | 'staff' | 'lunar' | 'day'; pattern: RegExp }[] = [
  // 国内统一连续出版物号 CN 11-0001, 邮发代号 1-1, ISSN 1002-9974
  { name: 'serial', pattern: /国内统一(?:连续出版物|刊)号\s*[:：]?|CN\s*\d{2}\s*[-－]\s*\d{4}(?:\s*[/／]\s*[A-Z]{1,2})?|邮发代号\s*[:：]?\s*\d{1,2}\s*[-－]\s*\d{1,4}|ISSN\s*\d{4}-\d{3}[\dX]/g },
  // 2024年6月24日, 2024.6.24, 2024-06-24
  { name: 'date', pattern: /\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}/g },
  // 6月24日 (a running header without the year)
  { name: 'day', pattern: /\d{1,2}\s*月\s*\d{1,2}\s*日/g },
  // 星期一, 周五
  { name: 'weekday', pattern: /星期[一二三四五六日天]|(?<![\u4e00-\u9fff])周[一二三四五六日](?![\u4e00-\u9fff])/g },
  // 农历甲辰年五月十九, 甲辰年五月十九
  { name: 'lunar', pattern: /(?:农历)?[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年(?:[正一二三四五六七八九十冬腊闰]{1,2}月)?(?:初|十|廿|二十|三十)?[一二三四五六七八九十]?|农历\S{2,8}/g },
  // 第3版, A04版, 今日8版, 本期16版
  { name: 'page', pattern: /(?:第\s*[A-Z]?\d{1,3}|[A-Z]\d{1,3}|(?:今日|本期|今天)\s*\d{1,3})\s*版/g },
  // 责任编辑：张三, 美编 李四, 校对：王五
  { name: 'staff', pattern: /(?:责任编辑|责编|编辑|美编|美术编辑|组版|校对|审读|版式设计|版式|视觉设计)\s*[:：]?\s*[\u4e00-\u9fff·]{2,4}(?![\u4e00-\u9fff])/g },
  // 工人日报, 江南都市报
  { name: 'paper', pattern: new RegExp(`[\\u4e00-\\u9fff]{2,8}?(?:${PAPER_KINDS})(?![\\u4e00-\\u9fff])`, 'g') },
];
