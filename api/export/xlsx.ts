import ExcelJS from 'exceljs';
import { numFmtOf, render } from './cells';
import { heading } from './headings';
import { Section, Workbook } from './model';
import { sheetNames } from './sheetNames';
import { columnWidth } from './width';

const titleRow = 1;
const headerRow = 2;

/**
 * One sheet per section, as offices file a ledger: the title across the top, the headings under
 * it, both frozen so they stay in view while scrolling, then one row per record.
 */
export async function toXlsx(workbook: Workbook): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Lianxin';
  book.lastModifiedBy = 'Lianxin';
  book.title = workbook.title;
  book.created = new Date(workbook.generatedAt);
  book.modified = book.created;
  const names = sheetNames(workbook.sections.map((s) => s.title));
  workbook.sections.forEach((section, i) => addSheet(book, names[i], section));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function addSheet(book: ExcelJS.Workbook, name: string, section: Section): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: headerRow }] });
  const headings = section.columns.map(heading);
  const cells = section.rows.map((row) => section.columns.map((column) => render(column, row[column.key])));

  const title = sheet.getRow(titleRow);
  title.getCell(1).value = section.title;
  title.font = { bold: true, size: 14 };
  if (section.columns.length > 1) sheet.mergeCells(titleRow, 1, titleRow, section.columns.length);

  const header = sheet.getRow(headerRow);
  header.values = headings;
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };

  section.columns.forEach((_, c) => {
    sheet.getColumn(c + 1).width = columnWidth([headings[c], ...cells.map((row) => row[c]?.shown ?? '')]);
  });
  // Styled cell by cell: a column's style would also reach the title and the headings above.
  const styles = section.columns.map((column) => ({
    numFmt: numFmtOf(column.type),
    // Text wraps at the capped width and on its own line breaks, which Excel shows only when wrapping.
    alignment: { vertical: 'top' as const, wrapText: column.type === 'text' },
  }));
  cells.forEach((row, r) => {
    const line = sheet.getRow(headerRow + 1 + r);
    row.forEach((cell, c) => {
      const target = line.getCell(c + 1);
      const { numFmt, alignment } = styles[c];
      target.alignment = alignment;
      if (numFmt) target.numFmt = numFmt;
      if (cell) target.value = cell.excel;
    });
  });
}
