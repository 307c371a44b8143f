/** Optional signed claims choosing which of the person's assignments a token acts in. */
export const roleClaim = 'lianxin_role';
export const unitClaim = 'lianxin_unit';

/** `8h`, `30m`, `90s`, `7d` in seconds, or undefined for anything else. */
export function durationSeconds(text: string): number | undefined {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
