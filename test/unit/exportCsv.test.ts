import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { toCsv } from '../../api/export/csv';
import { Section } from '../../api/export/model';
import { overdue, rates } from '../support/ledgerWorkbook';

const bom = '\uFEFF';

/** The CSV as exceljs's reader (fast-csv) parses it, every field kept as the text it was. */
async function parsed(csv: string): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  const sheet = await book.csv.read(Readable.from([csv.slice(bom.length)]), { map: (v: unknown) => v });
  return sheet.getSheetValues().flatMap((row) => (row ? [(row as unknown[]).slice(1)] : []));
}

describe('a ledger section as CSV', () => {
  test('When a section is written, then it is UTF-8 with a byte-order mark, CRLF lines and Excel-readable numbers, percentages and times', () => {
    const csv = toCsv(rates);

    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(
      bom +
        '单位（Unit）,受理件数（Requests）,"帮扶资金（万元）（Funds, 10k CNY）",满意率（Satisfaction rate）,统计日（Day）,更新时间（Updated at）\r\n' +
        '朝阳街道,12345,1520.5,87.3%,2026-11-28,2026-11-28 00:30\r\n' +
        `"'=HYPERLINK(""http://x.example"",""点我"")",0,,,,\r\n`,
    );
  });

  test('When text holds commas, quotes and line breaks, then it is quoted per RFC 4180 and a CSV reader gets it back with its Chinese intact', async () => {
    const csv = toCsv(overdue);

    expect(csv.split('\r\n')[1]).toBe('"楼道灯坏了, 三楼 ""急""\n已报修",张三,3');
    expect(await parsed(csv)).toEqual([
      ['诉求标题（Title）', '责任人（Held by）', '超期天数（Days overdue）'],
      ['楼道灯坏了, 三楼 "急"\n已报修', '张三', '3'],
      ["'-2+3 供暖不热", '李四', '-1'],
    ]);
  });

  test('When a text cell starts with = + - @ tab or CR, then it gets a leading apostrophe, and numbers keep their sign', () => {
    const section: Section = {
      key: 'titles',
      title: '标题',
      columns: [
        { key: 'title', heading: { zh: '标题', en: 'Title' }, type: 'text' },
        { key: 'delta', heading: { zh: '增减', en: 'Change' }, type: 'decimal' },
      ],
      rows: ['=1+1', '+86 10', '-x', '@SUM(A1)', '\t=1', '\r=1', 'a=1'].map((title) => ({
        title,
        delta: -0.5,
      })),
    };

    const fields = toCsv(section).slice(bom.length).split('\r\n').slice(1, -1);

    expect(fields).toEqual([
      "'=1+1,-0.5",
      "'+86 10,-0.5",
      "'-x,-0.5",
      "'@SUM(A1),-0.5",
      "'\t=1,-0.5",
      `"'\r=1",-0.5`,
      'a=1,-0.5',
    ]);
  });

  test('When a percentage is not a round figure, then the CSV keeps its digits beyond the workbook’s one decimal, without binary noise', () => {
    const section: Section = {
      ...rates,
      columns: [{ key: 'p', heading: { zh: '率', en: 'Rate' }, type: 'percent' }],
      rows: [{ p: 0.8734 }, { p: 2 / 3 }, { p: 1 }, { p: 0 }, { p: 0.07 }],
    };

    expect(toCsv(section).split('\r\n').slice(1, -1)).toEqual([
      '87.34%',
      '66.6666666667%',
      '100%',
      '0%',
      '7%',
    ]);
  });
});
