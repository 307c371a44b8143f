/**
 * How residents and operators write an address, brought to one form before it is compared:
 * full-width digits and letters (３号楼), spaces anywhere (幸福 小区), and the many ways of saying
 * "building" (3号楼, 3栋, 3幢, 3号, 3#, 第三栋).
 */

/** NFKC turns full-width digits, letters and spaces into their ASCII forms; then every space goes. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** A community's name as the index keys it. */
export const normaliseCommunity = normaliseText;

const chineseDigits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十 → 20, 九十九 → 99; undefined for anything else. */
function chineseNumber(text: string): number | undefined {
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!match || text === '') return undefined;
  const [, tens, ten, units] = match;
  if (!ten) return tens && !units ? chineseDigits[tens] : undefined;
  return (tens ? chineseDigits[tens] : 1) * 10 + (units ? chineseDigits[units] : 0);
}

const buildingWords = /^第?(.+?)(?:号楼|號樓|栋|棟|幢|座|号|號|楼|樓|#)?$/u;

/** The building's number (3号楼 → 3, 第十二栋 → 12), or undefined when it names none. */
export function buildingNumber(building: string): number | undefined {
  const bare = buildingWords.exec(normaliseText(building))?.[1];
  if (bare === undefined) return undefined;
  if (/^\d{1,5}$/.test(bare)) return Number(bare);
  return chineseNumber(bare);
}
