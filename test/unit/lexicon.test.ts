import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AUTHOR_LINE, BYLINE, DATELINE, DATELINE_START, JUMP_NOTE, PHOTO_CREDIT_END } from '../../indexer/extract/lexicon.js';

const table = (name: string, pattern: RegExp, cases: [string, boolean][]) =>
  describe(name, () => {
    for (const [text, expected] of cases) it(`${expected ? 'matches' : 'does not match'} ${text}`, () => assert.equal(pattern.test(text), expected));
  });

table('DATELINE', DATELINE, [
  ['新华社俄罗斯喀山10月23日电（记者倪四义 胡晓光）', true],
  ['据新华社北京6月23日电 国家主席', true],
  ['新华社北京 6 月 23 日电', true],
  ['本报讯（记者郝赫）', false],
  ['新华社记者 李学仁 摄', false],
]);
table('DATELINE_START', DATELINE_START, [
  ['据新华社厦门3月', true],
  ['新华社太原11月10日', true],
  ['新华社北京', true],
  ['新华社记者 李某 摄', false],
  ['新华社北京10月23日电（记者王某）今天', false],
]);
table('BYLINE', BYLINE, [
  ['记者 闫丽君 吕奇', true],
  ['本报记者 赖志凯 周子元', true],
  ['新华社记者姜琳', true],
  ['记者从人力资源社会保障部获悉', false],
  ['中华人民共和国主席 习近平', false],
  ['（记者 韦琳）', true],
  ['(本报记者 张明 李华)', true],
  ['（记者从会上获悉）', false],
  ['记者调查', false],
  ['记者走进一线 探访发', false],
  ['记者 欧阳修文', true],
  ['记者手记', false],
]);
table('PHOTO_CREDIT_END', PHOTO_CREDIT_END, [
  ['金砖国家领导人集体合影。 新华社记者 李学仁 摄', true],
  ['新华社记者 谢环驰 摄', true],
  ['揭牌仪式启动。记者 戴伟 摄', true],
  ['他拿起相机开始拍摄', false],
]);
table('AUTHOR_LINE', AUTHOR_LINE, [
  ['中华人民共和国主席 习近平', true],
  ['国务院总理 李强', true],
  ['主席台上坐满了人', false],
]);
table('JUMP_NOTE', JUMP_NOTE, [
  ['（下转第3版）', true],
  ['一亮。 （下转第 3版）', true],
  ['（上接第1版）', true],
  ['（第3版）', false],
]);
