import { attachment } from '../../api/export/filename';
import { sheetNames } from '../../api/export/sheetNames';
import { columnWidth, displayWidth } from '../../api/export/width';

describe('names and widths Excel and browsers accept', () => {
  test('When titles break Excel’s sheet-name rules, then each is cleaned, clipped to 31 and made distinct in any case', () => {
    const long = '二〇二六年十一月全区各乡镇街道民情诉求办理情况统计台账（含超期件）';

    const names = sheetNames([long, long, 'Rates', 'rates', "'a/b:c*d?[e]\\'", 'History', '', '\n']);

    expect(names).toEqual([
      long.slice(0, 31),
      `${long.slice(0, 27)} (2)`,
      'Rates',
      'rates (2)',
      'a_b_c_d__e__',
      'History (2)',
      'Sheet7',
      'Sheet8',
    ]);
    expect(names.every((n) => n.length <= 31)).toBe(true);
  });

  test('When a clipped name would split a character outside the BMP, then the whole character is left out', () => {
    const [name] = sheetNames([`${'甲'.repeat(30)}𠀋`]);

    expect(name).toBe('甲'.repeat(30));
  });

  test('When a file name is Chinese, then the disposition carries it in UTF-8 with an ASCII fallback', () => {
    const header = attachment('朝阳街道 2026年11月台账.xlsx');

    expect(header).toBe(
      `attachment; filename="2026_11.xlsx"; filename*=UTF-8''${encodeURIComponent('朝阳街道 2026年11月台账.xlsx')}`,
    );
  });

  test('When a file name holds quotes, slashes or parentheses, then neither parameter can be broken out of', () => {
    expect(attachment('a"b/c\'(d).csv')).toBe(
      `attachment; filename="a_b_c'(d).csv"; filename*=UTF-8''a_b_c%27%28d%29.csv`,
    );
    expect(attachment('满意率100%.csv')).toBe(
      `attachment; filename="100.csv"; filename*=UTF-8''${encodeURIComponent('满意率100%.csv')}`,
    );
    expect(attachment('台账.csv')).toBe(
      `attachment; filename="export.csv"; filename*=UTF-8''%E5%8F%B0%E8%B4%A6.csv`,
    );
  });

  test('When text mixes CJK, full-width and Latin characters, then CJK and full-width count two columns each', () => {
    expect(displayWidth('满意率（rate）')).toBe(14);
    expect(displayWidth('𠀋a')).toBe(3);
    expect(columnWidth(['第一行\n很长很长很长很长的第二行'])).toBe(26);
    expect(columnWidth(['x'])).toBe(8);
    expect(columnWidth(['字'.repeat(100)])).toBe(60);
  });
});
