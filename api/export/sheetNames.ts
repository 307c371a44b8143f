/**
 * Excel refuses a sheet name longer than 31 characters, holding any of []:*?/\, starting or ending
 * with an apostrophe, equal to another sheet's name in any case, or named "History" (reserved).
 */
const maxLength = 31;
const forbidden = /[[\]:*?/\\]/g;

/** One valid, distinct sheet name per title, in order. */
export function sheetNames(titles: readonly string[]): string[] {
  const taken = new Set<string>();
  return titles.map((title, i) => {
    const base = clean(title) || `Sheet${i + 1}`;
    let name = clip(base, maxLength);
    for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = ` (${n})`;
      name = clip(base, maxLength - suffix.length) + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

function clean(title: string): string {
  return title
    .replace(forbidden, '_')
    .replace(/\p{Cc}/gu, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
}

/** At most `max` UTF-16 units (what Excel counts), never splitting a character. */
function clip(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  // A clipped name may now end with an apostrophe or a space.
  return out.replace(/'+$/, '').trimEnd();
}
