/**
 * East Asian wide and full-width characters (Unicode UAX #11: Hangul Jamo, CJK and its punctuation,
 * kana, Hangul syllables, compatibility ideographs and forms, full-width forms, the supplementary
 * ideographs) take about two columns of Excel's default font.
 */
const wide =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** How many columns of Excel's default font a line of text takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += wide.test(char) ? 2 : 1;
  return width;
}

const minWidth = 8;
// Past this a column pushes the rest of the sheet off the screen; the cell still holds the whole text.
const maxWidth = 60;
const padding = 2;

/** The width of a column showing these texts, its longest line decides. */
export function columnWidth(texts: Iterable<string>): number {
  let widest = 0;
  for (const text of texts)
    for (const line of text.split(/\r?\n|\r/)) widest = Math.max(widest, displayWidth(line));
  return Math.min(maxWidth, Math.max(minWidth, widest + padding));
}
