import type { components } from '../api/schema';

export type AgendaItem = components['schemas']['Agenda']['items'][number];
export type Meeting = components['schemas']['Meeting'];
export type Decision = Meeting['decisions'][number]['decision'];
export type RecordedMeeting = components['schemas']['MeetingPage']['items'][number];
