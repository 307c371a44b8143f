/**
 * How residents and operators write an address, brought to one form before it is compared:
 * full-width digits and letters (３号楼), spaces anywhere (幸福 小区), and the many ways of saying
 * "building" (3号楼, 3栋, 3幢, 3号, 3#, 第三栋).
 */

import { chineseNumber } from '../text/chineseNumber';

/** NFKC turns full-width digits, letters and spaces into their ASCII forms; then every space goes. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}

/** A community's name as the index keys it. */
export const normaliseCommunity = normaliseText;

const buildingWords = /^第?(.+?)(?:号楼|號樓|栋|棟|幢|座|号|號|楼|樓|#)?$/u;

const buildingOpening = /^第?([0-9零〇一二两三四五六七八九十]{1,5})(?:号楼|號樓|栋|棟|幢|座|号|號|#)/u;

/** The building a text opens with (3号楼2单元501 → 3), or undefined when it opens with none. */
export function openingBuilding(text: string): number | undefined {
  const opening = buildingOpening.exec(normaliseText(text))?.[0];
  return opening === undefined ? undefined : buildingNumber(opening);
}

/** The building's number (3号楼 → 3, 第十二栋 → 12), or undefined when it names none. */
export function buildingNumber(building: string): number | undefined {
  const bare = buildingWords.exec(normaliseText(building))?.[1];
  if (bare === undefined) return undefined;
  if (/^\d{1,5}$/.test(bare)) return Number(bare);
  return chineseNumber(bare);
}
