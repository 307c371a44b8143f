import { Connection, Model, Schema } from 'mongoose';
import { CommitmentModels, createCommitmentModels } from './commitmentModels';
import { TimelineEntry } from '../../domain/timeline';

/**
 * Read models and the inbox. MongoDB holds nothing Temporal cannot rebuild except
 * delivery receipts; every model is created on a given connection, never as a global.
 */
export interface RequestDoc {
  _id: string;
  revision: number;
  status: string;
  category: string;
  urgency: string;
  channel: string;
  title: string;
  gridId: string;
  major: boolean;
  onAgenda: boolean;
  level: string;
  unit: string;
  units: string[];
  assignee?: string;
  stage?: string;
  dueAt?: Date;
  submittedAt: Date;
  updatedAt: Date;
  closedAt?: Date;
  outcome?: string;
  state: unknown;
}

export interface NotificationDoc {
  _id: string;
  recipient: string;
  kind: string;
  message: string;
  caseId: string;
  createdAt: Date;
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
  Notification: Model<NotificationDoc>;
  WebhookDelivery: Model<WebhookDeliveryDoc>;
}

export function createModels(connection: Connection): Models {
  const request = new Schema<RequestDoc>(
    {
      _id: String,
      revision: { type: Number, required: true },
      status: { type: String, required: true, index: true },
      category: String,
      urgency: String,
      channel: String,
      title: String,
      gridId: String,
      major: Boolean,
      onAgenda: Boolean,
      level: String,
      unit: { type: String, index: true },
      units: [String],
      assignee: String,
      stage: String,
      dueAt: Date,
      submittedAt: { type: Date, index: true },
      updatedAt: Date,
      closedAt: Date,
      outcome: String,
      state: Schema.Types.Mixed,
    },
    { versionKey: false, collection: 'requests' },
  );
  const notification = new Schema<NotificationDoc>(
    { _id: String, recipient: { type: String, index: true }, kind: String, message: String, caseId: String, createdAt: Date },
    { versionKey: false, collection: 'notifications' },
  );
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
    Notification: connection.model<NotificationDoc>('Notification', notification),
    WebhookDelivery: connection.model<WebhookDeliveryDoc>('WebhookDelivery', delivery),
    ...createCommitmentModels(connection),
  };
}
