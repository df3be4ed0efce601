import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scoreTopics } from '../../indexer/extract/enrich.js';

describe('scoreTopics beyond politics and economy', () => {
  const cases: [string, string, string, string][] = [
    ['wetlands and birds', '湿地迎来越冬候鸟', '入冬以来，数万只候鸟陆续飞抵湖区湿地越冬。保护区工作人员介绍，今年监测到的水鸟种类比去年增加了12种，生物多样性持续向好。', '环境'],
    ['a forest and its wildlife', '林区红外相机拍到野生动物', '护林员在森林中布设的红外相机记录到多种野生动物活动的画面，其中包括两种濒危物种，栖息地保护成效初显。', '环境'],
    ['weather', '强降雨将影响南方多地', '气象部门预计，未来三天南方地区将出现大范围降雨，局地有暴雨，气温明显下降，请市民注意防范洪涝灾害。', '环境'],
    ['a typhoon', '台风登陆带来狂风暴雨', '今年第9号台风于今天凌晨登陆，气象台发布预警，沿海地区降水量超过200毫米。', '环境'],
    ['an exhibition', '古代书画精品展开幕', '展览汇集了历代书法和绘画作品百余件，观众在博物馆内驻足欣赏，感受传统文化魅力。', '文化'],
    ['theatre and literature', '话剧改编自同名小说', '这部话剧改编自作家的获奖小说，首轮演出一票难求，不少观众专程从外地赶来。', '文化'],
    ['a hospital', '医院开设夜间门诊', '为方便上班族就医，医院开设夜间门诊，医生和护士轮班接诊，患者可在线预约。', '健康'],
    ['a disease', '癌症早筛项目惠及居民', '专家介绍，肿瘤早期发现、早期治疗效果更好，社区组织居民免费体检，筛查慢性病和癌症。', '健康'],
    ['spaceflight', '航天员顺利进驻空间站', '载人飞船与空间站完成对接，三名航天员进入核心舱，开启为期六个月的驻留任务。', '科技'],
  ];
  for (const [name, title, body, topic] of cases) {
    it(`gives an article about ${name} the topic ${topic}`, () => {
      const { topics, evidence } = scoreTopics(title, body);
      assert.equal(topics[0], topic, JSON.stringify(evidence));
    });
  }
});
