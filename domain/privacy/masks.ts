/**
 * How residents' data shows where it is not needed in full: enough for a colleague to recognise a
 * case, not to identify or reach a resident. Logs (common/log.ts) and views (contact.ts) use these.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***, a one-character name → *. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length > 1 ? chars[0] + '*'.repeat(chars.length - 1) : '*';
}

/** 13812345678 → 138****5678, as Chinese services print numbers; a short number keeps nothing but its last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 8) return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  return `${'*'.repeat(Math.max(0, digits.length - 2))}${digits.slice(-2)}`;
}

/**
 * 朝阳区幸福小区3栋2单元501 → 朝阳区幸福小区…: the place before the first number (building, door,
 * flat), at most half the address and 8 characters, so the neighbourhood shows and the door does not.
 */
export function maskAddress(address: string): string {
  const chars = Array.from(address.trim());
  const firstDigit = chars.findIndex((c) => /[0-9０-９]/.test(c));
  const place = chars.slice(0, firstDigit < 0 ? chars.length : firstDigit);
  const kept = Math.min(place.length, Math.floor(chars.length / 2), 8);
  return `${place.slice(0, kept).join('').trim()}…`;
}
