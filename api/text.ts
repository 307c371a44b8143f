import { z } from 'zod';
import './openapi';

/**
 * What free text may hold. A control character corrupts a CSV export or a log line and hides
 * in a title; NUL and a lone surrogate (JSON can carry `"\ud800"`) break MongoDB drivers, Excel
 * and every UTF-8 encoder downstream; bidi overrides and isolates make a title read differently
 * from what it holds ("Trojan Source"). Multi-line text keeps newline and tab.
 */
/** C0 and C1 controls and DEL, but for newline and tab (which only multi-line text may hold). */
const controlCharacter = /[^\P{Cc}\t\n]/u;
const lineBreakOrTab = /[\t\n]/u;
const loneSurrogate = /\p{Cs}/u;
const bidiControl = /[\u202A-\u202E\u2066-\u2069]/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` is not acceptable text, or undefined when it is. */
export function textProblem(value: string, multiline: boolean): string | undefined {
  const checks: [RegExp, string][] = [
    [loneSurrogate, 'holds a lone surrogate (ill-formed Unicode)'],
    [controlCharacter, 'holds a control character'],
    ...(multiline
      ? []
      : ([[lineBreakOrTab, 'holds a line break or tab (one line expected)']] as [RegExp, string][])),
    [bidiControl, 'holds a bidirectional override'],
  ];
  for (const [pattern, problem] of checks) {
    const found = pattern.exec(value);
    if (found) return `${problem}: ${codePoint(found[0])} at position ${found.index}`;
  }
  return undefined;
}

const refuseIllFormed = (multiline: boolean) => (value: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(value, multiline);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** One line of text: a title, a name, a category. */
export const line = (max: number) => z.string().superRefine(refuseIllFormed(false)).trim().min(1).max(max);

/** Text that may run over several lines: a description, a note, a reason. */
export const prose = (max: number) => z.string().superRefine(refuseIllFormed(true)).trim().min(1).max(max);

/** A secret (a password): taken as typed, never trimmed, but well-formed and free of control characters. */
export const secret = (min: number, max: number) =>
  z.string().min(min).max(max).superRefine(refuseIllFormed(false));

/**
 * An identifier the caller names (a person, a unit, a grid, a household): letters, digits and
 * `._:@-`, starting with a letter or digit. Ids reach MongoDB filters and workflow ids; the set
 * keeps `$`, dots at the start, slashes and spaces out of both.
 */
export const idPattern = /^[A-Za-z0-9][A-Za-z0-9._:@-]*$/;
export const identifier = (max: number, noun = 'an id') =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(idPattern, `expected ${noun}: letters, digits and . _ : @ - (starting with a letter or digit)`);
