import ExcelJS from 'exceljs';
import { toXlsx } from '../../api/export/xlsx';
import { Workbook } from '../../api/export/model';
import { ledger, rates } from '../support/ledgerWorkbook';

async function readBack(workbook: Workbook): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await toXlsx(workbook)) as any);
  return book;
}

describe('a ledger as an Excel workbook', () => {
  test('When a workbook has two sections, then it has one sheet each, named within Excel’s rules, with Lianxin as creator', async () => {
    const book = await readBack(ledger);

    expect(book.worksheets.map((s) => s.name)).toEqual([
      '三率 2026_11 _截至28日_',
      '超期件及责任人：网格支部、村社区、乡镇街道、区县常委会'.slice(0, 31),
    ]);
    expect(book.creator).toBe('Lianxin');
    expect(book.title).toBe('朝阳街道 2026年11月台账');
    expect(book.created.toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });

  test('When a sheet is opened, then the title row and the Chinese headings stay frozen above the records', async () => {
    const sheet = (await readBack(ledger)).worksheets[0];

    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(sheet.getCell('A1').value).toBe('三率 2026/11 [截至28日]');
    expect(sheet.getCell('A1').isMerged && sheet.getCell('F1').isMerged).toBe(true);
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '单位（Unit）',
      '受理件数（Requests）',
      '帮扶资金（万元）（Funds, 10k CNY）',
      '满意率（Satisfaction rate）',
      '统计日（Day）',
      '更新时间（Updated at）',
    ]);
    expect(sheet.getRow(2).font.bold).toBe(true);
    // The columns' number formats belong to the records only.
    expect(['A1', 'B2', 'E2', 'F2'].map((a) => sheet.getCell(a).numFmt)).toEqual(Array(4).fill(undefined));
  });

  test('When records are written, then each cell holds a typed value with its number format, and a datetime reads as Beijing time', async () => {
    const row = (await readBack(ledger)).worksheets[0].getRow(3);

    const cells = [1, 2, 3, 4, 5, 6].map((c) => ({
      value: row.getCell(c).value,
      numFmt: row.getCell(c).numFmt,
    }));
    expect(cells).toEqual([
      { value: '朝阳街道', numFmt: undefined },
      { value: 12345, numFmt: '#,##0' },
      { value: 1520.5, numFmt: '#,##0.00' },
      { value: 0.873, numFmt: '0.0%' },
      { value: new Date('2026-11-28T00:00:00.000Z'), numFmt: 'yyyy-mm-dd' },
      { value: new Date('2026-11-28T00:30:00.000Z'), numFmt: 'yyyy-mm-dd hh:mm' },
    ]);
  });

  test('When a value is null, then its cell is empty, not 0', async () => {
    const row = (await readBack(ledger)).worksheets[0].getRow(4);

    expect([3, 4, 5, 6].map((c) => row.getCell(c).type)).toEqual(Array(4).fill(ExcelJS.ValueType.Null));
    expect(row.getCell(2).value).toBe(0);
  });

  test('When a resident’s title looks like a formula, then the workbook stores it as text, never as a formula', async () => {
    const cell = (await readBack(ledger)).worksheets[0].getCell('A4');

    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=HYPERLINK("http://x.example","点我")');
  });

  test('When columns hold Chinese, then each is sized for its widest text at two columns per character', async () => {
    const sheet = (await readBack(ledger)).worksheets[0];

    // 满意率（Satisfaction rate）: 3 + 2 CJK at 2, 17 Latin at 1, and 2 of padding.
    expect(sheet.getColumn(4).width).toBe(29);
    // =HYPERLINK("http://x.example","点我") is wider than 单位（Unit）: 33 Latin, 2 CJK at 2, padding.
    expect(sheet.getColumn(1).width).toBe(39);
    expect(sheet.getCell('A3').alignment).toEqual({ vertical: 'top', wrapText: true });
  });

  test('When a value does not fit its column’s type, then rendering fails naming the column', async () => {
    const bad = (value: unknown, type: 'integer' | 'date' | 'datetime'): Workbook => ({
      ...ledger,
      sections: [
        {
          ...rates,
          columns: [{ key: 'x', heading: { zh: '值', en: 'Value' }, type }],
          rows: [{ x: value as any }],
        },
      ],
    });

    await expect(toXlsx(bad(1.5, 'integer'))).rejects.toThrow('column x: expected an integer, got 1.5');
    await expect(toXlsx(bad('2026-02-30', 'date'))).rejects.toThrow('column x: expected YYYY-MM-DD');
    await expect(toXlsx(bad('2026-11-28T10:00', 'datetime'))).rejects.toThrow(
      'expected an ISO instant with its offset',
    );
  });
});
