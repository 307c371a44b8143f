import { render } from './cells';
import { heading } from './headings';
import { Section } from './model';

// Excel reads a CSV without a byte-order mark in the machine's ANSI code page (GBK on Chinese Windows).
const bom = '\uFEFF';
const lineEnd = '\r\n';

/**
 * One section as RFC 4180 CSV, as Excel opens it: UTF-8 with a byte-order mark, CRLF after every
 * record, the headings of the .xlsx on the first line. Numbers carry no thousands separators,
 * percentages are written "87.3%", dates YYYY-MM-DD and datetimes as Beijing "YYYY-MM-DD HH:mm".
 */
export function toCsv(section: Section): string {
  const lines = [section.columns.map((column) => field(text(heading(column))))];
  for (const row of section.rows)
    lines.push(
      section.columns.map((column) => {
        const cell = render(column, row[column.key]);
        if (!cell) return '';
        return field(column.type === 'text' ? text(cell.csv) : cell.csv);
      }),
    );
  return bom + lines.map((fields) => fields.join(',') + lineEnd).join('');
}

/**
 * Residents write request titles that reach exports, and Excel runs a CSV cell starting with
 * = + - @ tab or CR as a formula; a leading apostrophe keeps it text (OWASP, CSV injection).
 */
const text = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
