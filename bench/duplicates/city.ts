import { RequestDoc } from '../../activities/db/models';
import { Terms } from '../../domain/duplicates/terms';
import { SyntheticCounty, syntheticRequestDoc } from '../../test/support/requestDocs';

/**
 * A city of 5,000 grids (50 townships × 10 villages or communities × 10 grids) filing a year's
 * 1,000,000 requests at one rate, 2,740 a day: the first n of them fill the last n / 2,740 days, so
 * 100,000 stored is the last 36 days of the same city, and what the last 14 days hold is the same at
 * both sizes. Open: 60% of those filed in the last 14 days, 0.5% of older ones (a backlog); the rest
 * are closed. About 2.8% of a year's requests are open.
 */
export const city: SyntheticCounty = {
  townships: 50,
  villagesPerTownship: 10,
  gridsPerVillage: 10,
  days: 365,
  lastDay: '2026-11-28',
  openEvery: 1,
};
export const yearOfRequests = 1_000_000;
export const windowDays = 14;
/** The end of the city's last day (Beijing midnight): when the searches run. */
export const now = `${city.lastDay}T16:00:00.000Z`;

/** A matter residents file, worded as filed and as another resident words it. */
const matters = [
  {
    title: '{c}{b}号楼停水',
    description: '从昨天早上开始{b}号楼一直没有水，物业说不清楚什么时候来水',
    other: '{c}{B}号楼家里没水，自来水停了两天了',
  },
  {
    title: '{c}{b}栋停电',
    description: '{b}栋整栋楼从中午开始停电，冰箱里的东西都要坏了',
    other: '{c}{B}号楼断电半天了，供电所电话打不通',
  },
  {
    title: '{c}{b}号楼楼上漏水',
    description: '{b}号楼2单元楼上卫生间漏水，渗到我家天花板',
    other: '{c}{B}栋楼上往下渗水，卫生间天花板墙皮脱落',
  },
  {
    title: '{c}附近夜间施工噪声扰民',
    description: '小区旁边工地晚上11点以后还在施工，噪音很大，影响休息',
    other: '{c}旁边工地半夜打桩太吵，噪声扰民睡不着',
  },
  {
    title: '{c}东门路灯不亮',
    description: '{c}东门的路灯坏了一个星期，晚上走路不安全',
    other: '{c}门口路灯晚上不亮，老人出门摔倒',
  },
  {
    title: '{c}垃圾清运不及时',
    description: '{b}号楼下垃圾桶满了好几天没人清运，气味很大',
    other: '{c}{B}栋楼下垃圾堆满了没人收',
  },
  {
    title: '{c}{b}号楼电梯故障',
    description: '{b}号楼电梯经常停运，老人上下楼困难',
    other: '{c}{B}栋电梯又坏了，困人了',
  },
  {
    title: '{c}暖气不热',
    description: '{b}号楼暖气温度只有十几度，家里很冷',
    other: '{c}{B}号楼供暖不热，室温太低',
  },
  {
    title: '{c}车辆乱停堵塞消防通道',
    description: '{c}{b}号楼前车辆乱停乱放，消防通道被堵',
    other: '{c}消防通道被私家车占了',
  },
  {
    title: '{c}{b}号楼下水道堵塞',
    description: '{b}号楼下水道堵了，污水漫到路面',
    other: '{c}{B}栋排水不畅，污水外溢',
  },
  {
    title: '{c}广场舞噪音扰民',
    description: '{c}广场舞音响声音太大，晚上九点多还在跳',
    other: '{c}跳广场舞太吵了，音响开得很大',
  },
  {
    title: '{c}燃气味道很大',
    description: '{b}号楼楼道里有燃气味，担心泄漏',
    other: '{c}{B}栋楼道闻到煤气味',
  },
];
const communities = [
  '幸福',
  '和平',
  '建设',
  '光明',
  '阳光',
  '锦绣',
  '翠苑',
  '东湖',
  '南苑',
  '西城',
  '北辰',
  '金桥',
];
const chinese = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A small deterministic hash: the same request gets the same matter, building and status in every run. */
const mix = (i: number) => Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 0;

function worded(template: string, community: string, building: number): string {
  return template
    .replaceAll('{c}', `${community}小区`)
    .replaceAll('{b}', String(building))
    .replaceAll('{B}', chinese[building - 1] ?? String(building));
}

/** A filing of a matter at a building of the grid's community: as filed, or in another resident's words. */
export function filingText(matter: number, grid: number, building: number, otherWords: boolean) {
  const m = matters[matter % matters.length];
  const community =
    communities[Math.floor(grid / city.gridsPerVillage) % communities.length] + (grid % 3 ? '' : '里');
  return otherWords
    ? { title: worded(m.other, community, building), description: '' }
    : {
        title: worded(m.title, community, building),
        description: worded(m.description, community, building),
      };
}

export const gridOf = (i: number) =>
  (i * 7919) % (city.townships * city.villagesPerTownship * city.gridsPerVillage);
export const grids = city.townships * city.villagesPerTownship * city.gridsPerVillage;

/** The i-th request's list document, as the projection stores it; `terms` works out an open one's terms. */
export function cityRequestDoc(
  i: number,
  terms: (filing: { title: string; description: string }) => Terms,
): RequestDoc {
  // Every one of them shaped as open (openEvery 1); those closed are made so below.
  const base = syntheticRequestDoc(city, i, yearOfRequests);
  const h = mix(i);
  const inWindow = Date.parse(now) - Date.parse(base.submittedAt) <= windowDays * 86_400_000;
  const open = inWindow ? h % 10 < 6 : h % 200 === 0;
  const text = filingText(h % 97, gridOf(i), 1 + ((h >>> 8) % 10), false);
  const doc: RequestDoc = { ...base, title: text.title };
  if (open) return { ...doc, terms: terms(text) };
  for (const key of Object.keys(doc)) if (key.startsWith('openUnit')) delete doc[key as `openUnit${number}`];
  return { ...doc, status: 'closed', deadline: undefined, outcome: 'satisfied', closedAt: base.submittedAt };
}
