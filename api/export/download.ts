import { Response } from 'express';
import { z } from 'zod';
import { invalidField } from '../errors';
import { identifier } from '../text';
import '../openapi';
import { toCsv } from './csv';
import { attachment } from './filename';
import { Section, Workbook } from './model';
import { toXlsx } from './xlsx';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What every exportable route takes besides its own filters: spread it into the route's query schema. */
export const exportQuery = {
  format: z.enum(['json', 'xlsx', 'csv']).default('json').openapi({
    description: 'json (the default), an Excel workbook, or one section as CSV (UTF-8 with BOM)',
  }),
  section: identifier(64, 'a section key')
    .optional()
    .openapi({ description: 'the one section (sheet) to export; required for csv when there are several' }),
};

export type ExportQuery = z.output<z.ZodObject<typeof exportQuery>>;

/** The 200 of an exportable route in the OpenAPI document: its JSON, the workbook and the CSV. */
export const exportContent = (schema: z.ZodType) => ({
  'application/json': { schema },
  [xlsxType]: { schema: { type: 'string' as const, format: 'binary' } },
  'text/csv': { schema: { type: 'string' as const } },
});

/**
 * Answers in the format the caller chose. `json` is the route's own view (its documented shape);
 * the files render the workbook built from the same data. `section` narrows a file to one sheet;
 * a CSV holds one section, so it names the section to choose when there are several.
 */
export async function sendExport(
  res: Response,
  query: ExportQuery,
  view: { json: unknown; workbook: Workbook },
): Promise<void> {
  if (query.format === 'json') {
    res.json(view.json);
    return;
  }
  const { workbook } = view;
  const chosen = query.section === undefined ? undefined : sectionNamed(workbook, query.section);
  if (query.format === 'xlsx') {
    const file: Workbook = chosen ? { ...workbook, sections: [chosen] } : workbook;
    const body = await toXlsx(file);
    res
      .type(xlsxType)
      .set('Content-Disposition', attachment(`${workbook.title}.xlsx`))
      .send(body);
    return;
  }
  const section = chosen ?? onlySection(workbook);
  const name = workbook.sections.length > 1 ? `${workbook.title} ${section.title}` : workbook.title;
  res
    .type('text/csv; charset=utf-8')
    .set('Content-Disposition', attachment(`${name}.csv`))
    .send(toCsv(section));
}

const keys = (workbook: Workbook) => workbook.sections.map((s) => s.key).join(', ');

function sectionNamed(workbook: Workbook, key: string): Section {
  const section = workbook.sections.find((s) => s.key === key);
  if (!section) throw invalidField('query.section', `no section ${key}; choose one of: ${keys(workbook)}`);
  return section;
}

function onlySection(workbook: Workbook): Section {
  if (workbook.sections.length === 1) return workbook.sections[0];
  throw invalidField('query.section', `a CSV holds one section; choose one of: ${keys(workbook)}`);
}
