import { Connection, Model, Schema } from 'mongoose';
import { CommitmentModels, createCommitmentModels } from './commitmentModels';
import { TimelineEntry } from '../../domain/timeline';
import { RequestSummary } from '../../domain/requests/summary';
import { Terms } from '../../domain/duplicates/terms';
import { SliceDoc } from './slices';
import { createKpiModel, KpiContributionDoc } from './kpiModel';
import { AgendaDoc, createAgendaModel } from '../committee/readModel';
import { createCycleReportModel, CycleReportDoc } from './reportModel';
import { createKpiTotalModels, KpiMarkDoc, KpiTotalDoc } from './kpiTotalsModel';
import {
  categoryNodeFields,
  declareListIndexes,
  inboxListShapes,
  ladderLevels,
  openUnitFields,
  requestDueShapes,
  requestListShapes,
} from './listShapes';
import { PressureStep } from '../../domain/requests/pressure';

/**
 * Read models and the inbox. MongoDB holds nothing Temporal cannot rebuild except
 * delivery receipts; every model is created on a given connection, never as a global.
 */
/**
 * One request in lists: slim, and shaped for FerretDB's pushdown, which serves only top-level
 * equality. `unit0`… are the jurisdiction's units by ladder level, `month`, `day` and `hour` (of
 * filing, Beijing) slice them in time; a list reads one scope's month, or day, or hour when the
 * day is big, at a time. The full state is a RequestStateDoc.
 */
export type RequestDoc = Omit<RequestSummary, 'id'> & {
  _id: string;
  month: string;
  day: string;
  hour: string;
  units: string[];
  [unitAtLevel: `unit${number}`]: string;
  [openUnitAtLevel: `openUnit${number}`]: string;
  [categoryNodeAtLevel: `categoryNode${number}`]: string;
  /** While open: its weighted terms, which the duplicate search scores (api/duplicates/search.ts) */
  terms?: Terms;
  /** How far pressure has risen on its current deadline (domain/requests/pressure.ts) */
  pressure?: PressureStep;
  /** While open with a deadline: the hour (UTC) it falls due, what the due-soon list finds it by */
  dueHour?: string;
};

/** A request's whole last state (timeline apart), read by id once Temporal no longer has the case. */
export interface RequestStateDoc {
  _id: string;
  revision: number;
  state: unknown;
}

export interface NotificationDoc {
  _id: string;
  recipient: string;
  kind: string;
  message: string;
  caseId: string;
  createdAt: Date;
  /** Month, day and hour (Beijing) it was sent: the inbox is read in slices of them */
  month: string;
  day: string;
  hour: string;
}

export interface WebhookDeliveryDoc {
  _id: string;
  deliveredAt: Date;
  status: number;
}

/** One entry of a case's timeline; the case's workflow ID and revision name it. */
export interface TimelineDoc {
  _id: string;
  caseId: string;
  revision: number;
  entry: TimelineEntry;
}

export interface Models extends CommitmentModels {
  Timeline: Model<TimelineDoc>;
  Request: Model<RequestDoc>;
  RequestState: Model<RequestStateDoc>;
  Slice: Model<SliceDoc>;
  Notification: Model<NotificationDoc>;
  WebhookDelivery: Model<WebhookDeliveryDoc>;
  KpiContribution: Model<KpiContributionDoc>;
  CycleReport: Model<CycleReportDoc>;
  KpiTotal: Model<KpiTotalDoc>;
  KpiMark: Model<KpiMarkDoc>;
  CommitteeAgenda: Model<AgendaDoc>;
}

export function createModels(connection: Connection): Models {
  const request = new Schema<RequestDoc>(
    {
      _id: String,
      revision: { type: Number, required: true },
      status: { type: String, required: true },
      month: String,
      day: String,
      hour: String,
      category: String,
      classification: Schema.Types.Mixed,
      ...Object.fromEntries(categoryNodeFields.map((field) => [field, String])),
      urgency: String,
      channel: String,
      title: String,
      gridId: String,
      addressUnmatched: Boolean,
      major: Boolean,
      onAgenda: Boolean,
      level: String,
      unit: String,
      units: [String],
      ...Object.fromEntries(ladderLevels.map((i) => [`unit${i}`, String])),
      ...Object.fromEntries(openUnitFields.map((field) => [field, String])),
      terms: Schema.Types.Mixed,
      assignee: String,
      deadline: Schema.Types.Mixed,
      pressure: String,
      dueHour: String,
      pendingExtension: Schema.Types.Mixed,
      outcome: String,
      mergedInto: String,
      submittedAt: String,
      updatedAt: String,
      closedAt: String,
    },
    { versionKey: false, collection: 'requests' },
  );
  declareListIndexes(request, requestListShapes);
  declareListIndexes(request, requestDueShapes);
  // Sparse: only open requests carry them (reports read a unit's open requests by them).
  for (const field of openUnitFields) request.index({ [field]: 1 }, { sparse: true });
  const requestState = new Schema<RequestStateDoc>(
    { _id: String, revision: { type: Number, required: true }, state: Schema.Types.Mixed },
    { versionKey: false, collection: 'request_states' },
  );
  const notification = new Schema<NotificationDoc>(
    {
      _id: String,
      recipient: String,
      kind: String,
      message: String,
      caseId: { type: String, index: true },
      createdAt: Date,
      month: String,
      day: String,
      hour: String,
    },
    { versionKey: false, collection: 'notifications' },
  );
  declareListIndexes(notification, inboxListShapes);
  const delivery = new Schema<WebhookDeliveryDoc>(
    { _id: String, deliveredAt: Date, status: Number },
    { versionKey: false, collection: 'webhook_deliveries' },
  );
  const timeline = new Schema<TimelineDoc>(
    { _id: String, caseId: { type: String, index: true }, revision: Number, entry: Schema.Types.Mixed },
    { versionKey: false, collection: 'timeline' },
  );
  return {
    Timeline: connection.model<TimelineDoc>('Timeline', timeline),
    Request: connection.model<RequestDoc>('Request', request),
    RequestState: connection.model<RequestStateDoc>('RequestState', requestState),
    Slice: connection.model<SliceDoc>(
      'Slice',
      new Schema<SliceDoc>({ _id: String, n: Number }, { versionKey: false, collection: 'slices' }),
    ),
    Notification: connection.model<NotificationDoc>('Notification', notification),
    WebhookDelivery: connection.model<WebhookDeliveryDoc>('WebhookDelivery', delivery),
    KpiContribution: createKpiModel(connection),
    CycleReport: createCycleReportModel(connection),
    ...createKpiTotalModels(connection),
    CommitteeAgenda: createAgendaModel(connection),
    ...createCommitmentModels(connection),
  };
}
