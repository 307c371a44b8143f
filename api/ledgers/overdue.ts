import { z } from 'zod';
import '../openapi';
import { Column, Section } from '../export/model';

/** 超期件: an overdue request and who holds it, as ledgers and cycle reports list it. */
export const overdueLineView = z
  .object({
    requestId: z.string(),
    title: z.string(),
    stage: z
      .string()
      .openapi({ description: 'the stage whose deadline passed: dispatch, accept or resolve' }),
    holder: z.string().openapi({ description: 'who holds it: the owner of the stage’s deadline' }),
    dueAt: z.string().openapi({ description: 'when the live deadline of the stage falls (or fell)' }),
  })
  .openapi('OverdueLine');

const overdueColumns: Column<keyof z.infer<typeof overdueLineView>>[] = [
  { key: 'requestId', heading: { zh: '诉求编号', en: 'Request' }, type: 'text' },
  { key: 'title', heading: { zh: '诉求标题', en: 'Title' }, type: 'text' },
  { key: 'stage', heading: { zh: '环节', en: 'Stage' }, type: 'text' },
  { key: 'holder', heading: { zh: '责任人', en: 'Held by' }, type: 'text' },
  { key: 'dueAt', heading: { zh: '办理时限', en: 'Due at' }, type: 'datetime' },
];

/** The overdue requests as a workbook section (key `overdue`). */
export function overdueSection(title: string, items: readonly z.infer<typeof overdueLineView>[]): Section {
  return { key: 'overdue', title, columns: overdueColumns, rows: items.map((line) => ({ ...line })) };
}
