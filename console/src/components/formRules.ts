import type { FormRule } from 'antd';

/*
 * Fields the API refuses when empty, checked before sending so that a second click on a form just
 * reset sends nothing. Their messages come from Ant Design's locale, in the language chosen.
 */

/** A text that must be given (blank counts as empty). */
export const required: FormRule[] = [{ required: true, whitespace: true }];

/** A path of choices (a cascader's value) that must be picked. */
export const requiredPath: FormRule[] = [{ required: true, type: 'array', min: 1 }];
