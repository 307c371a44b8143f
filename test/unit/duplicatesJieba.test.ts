import { jiebaTextModel } from '../../api/duplicates/jieba';
import { defaultDuplicateSettings, rankDuplicates, StoredFiling } from '../../domain/duplicates/candidates';
import { similarity } from '../../domain/duplicates/similarity';
import { filingTerms } from '../../domain/duplicates/terms';

const model = jiebaTextModel();
const terms = (filing: { title: string; description: string }) =>
  filingTerms(filing, model.segment, model.rarity);
const grid = ['grid-g01', 'village-v01', 'township-t01', 'committee-c01'];

/** Each probe, the same matter worded otherwise, the same kind of matter somewhere else or from another source, and another matter. */
const cases = {
  停水: {
    probe: {
      title: '幸福小区3号楼停水',
      description: '从昨天早上开始3号楼一直没有水，物业说不清楚什么时候来水',
    },
    duplicate: { title: '幸福小区三号楼没水', description: '家里自来水停了两天了，做饭洗澡都没水用' },
    nearMiss: { title: '幸福小区5号楼停水', description: '5号楼今天上午停水，没有提前通知' },
    other: { title: '幸福小区东门停车难', description: '东门车辆乱停乱放，堵塞消防通道' },
  },
  漏水: {
    probe: { title: '楼上漏水', description: '幸福小区3栋2单元501楼上卫生间漏水，渗到我家天花板' },
    duplicate: { title: '卫生间天花板渗水', description: '3号楼2单元501室，楼上卫生间往下渗水，墙皮脱落' },
    nearMiss: { title: '楼道漏水', description: '7栋楼道水管漏水，地面湿滑' },
    other: { title: '小区门口路灯坏了', description: '幸福小区东门的路灯晚上不亮，走路不安全' },
  },
  噪声: {
    probe: { title: '夜间施工噪声扰民', description: '建设路工地晚上11点以后还在施工，噪音很大，影响休息' },
    duplicate: { title: '工地夜里施工太吵', description: '建设路那个工地半夜还在打桩，噪声扰民睡不着' },
    nearMiss: { title: '广场舞噪音扰民', description: '人民公园广场舞音响声音太大，晚上九点多还在跳' },
    other: { title: '幸福小区3号楼停水', description: '3号楼一直没有水' },
  },
};

describe('duplicate candidates with jieba on realistic filings', () => {
  test.each(Object.entries(cases))(
    'When a %s filing is looked at, then the same matter otherwise worded ranks first and another matter is no candidate',
    (_matter, { probe, duplicate, nearMiss, other }) => {
      const stored = (id: string, filing: typeof probe): StoredFiling => ({
        id,
        status: 'dispatched',
        units: grid,
        submittedAt: '2026-11-27T08:00:00Z',
        terms: terms(filing),
      });
      const ranked = rankDuplicates(
        { jurisdiction: grid, at: '2026-11-28T08:00:00Z', terms: terms(probe) },
        [stored('other', other), stored('nearMiss', nearMiss), stored('duplicate', duplicate)],
        defaultDuplicateSettings,
      );
      expect(ranked[0]?.id).toBe('duplicate');
      expect(ranked.map((c) => c.id)).not.toContain('other');
      expect(similarity(terms(probe), terms(duplicate))).toBeGreaterThan(
        similarity(terms(probe), terms(nearMiss)),
      );
    },
  );

  test('When a filing names its building in Chinese and another in digits, then they share the building term', () => {
    const [a, b] = [cases.停水.probe, cases.停水.duplicate].map(terms);
    expect(Object.keys(a)).toContain('3栋');
    expect(Object.keys(b)).toContain('3栋');
  });
});
