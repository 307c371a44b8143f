import { Actor } from '../domain/actors';
import { ReplayReport } from './replay';
import { AuditLine } from './timeline';

const who = (actor?: Actor) =>
  !actor ? '' : actor.role === 'system' ? 'system' : `${actor.id} (${actor.role}, ${actor.unit})`;

/** One line per step, in the order an auditor reads a paper file: when, what, who, why. */
export function formatTimelineLine(line: AuditLine): string {
  return [
    line.at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
    line.revision !== undefined ? `#${line.revision}` : `run ${line.run}`,
    line.action,
    who(line.actor),
    line.from && line.to ? `${line.from} → ${line.to}` : '',
    line.level ? `[${line.level}]` : '',
    line.about ? `about ${line.about}` : '',
    line.note ? `“${line.note}”` : '',
    line.rule ? `rule: ${line.rule}` : '',
    line.notices?.length
      ? `notified: ${line.notices.map((n) => `${n.recipient} (${n.kind})`).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('  ');
}

export function formatVerdict(report: ReplayReport): string {
  const size = `${report.runs} run${report.runs === 1 ? '' : 's'}, ${report.events} events`;
  if (report.deterministic) return `ok    ${report.caseId}  ${report.workflowType}  ${size}`;
  const failure = report.failure!;
  return `FAIL  ${report.caseId}  ${report.workflowType}  ${size}  run ${failure.run}: ${failure.kind}: ${failure.message.split('\n')[0]}`;
}
