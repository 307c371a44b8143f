import { Link } from 'react-router';
import { caseLink } from './caseLink';
import type { AgendaItem } from './types';

/** An agenda item's title, linked to its case. */
export function CaseTitle({ item }: { item: Pick<AgendaItem, 'title' | 'history'> }) {
  const to = caseLink(item.history);
  return to ? <Link to={to}>{item.title}</Link> : <>{item.title}</>;
}
