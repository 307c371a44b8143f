/** Numbers as residents say them, shared by the place matcher and the duplicate search's terms. */
const digits: Record<string, number> = {
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

/** 三 → 3, 十二 → 12, 二十三 → 23, 五零一 → 501: how residents say building and room numbers. */
export function chineseNumber(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Number(text);
  const ten = text.indexOf('十');
  if (ten < 0) {
    if (![...text].every((c) => c in digits)) return undefined;
    return Number([...text].map((c) => digits[c]).join(''));
  }
  const [tens, ones] = [text.slice(0, ten), text.slice(ten + 1)];
  if (tens.length > 1 || ones.length > 1 || ![...tens, ...ones].every((c) => c in digits)) return undefined;
  return (tens ? digits[tens] : 1) * 10 + (ones ? digits[ones] : 0);
}
