import { Form, Input, InputNumber, Select } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { required } from '../components/formRules';
import { ActionForm } from './ActionForm';
import { Commitment, CommitmentAction, CommitmentPath } from './kinds';

/** The forms offered by another action than their own name: acting on a problem is for those who open them. */
export const offeredBy: Partial<Record<string, CommitmentAction>> = {
  problemProgress: 'problems',
  problemResolve: 'problems',
};

export interface ActionTab {
  label: string;
  form: ReactNode;
}

/** A form whose whole body is one reason: suspend, resume, close early. */
function ReasonForm({
  kind,
  id,
  action,
  submit,
}: {
  kind: CommitmentPath;
  id: string;
  action: string;
  submit: string;
}) {
  const { t } = useTranslation();
  return (
    <ActionForm<{ reason: string }> kind={kind} id={id} action={action} submit={submit}>
      <Form.Item name="reason" label={t('commitments.reason')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </ActionForm>
  );
}

/**
 * The forms for keeping a commitment over its term: the year's assessment comment, handing a role
 * over (事随人转), a problem's progress and resolution, and the supervisors' suspend, resume and
 * close early. Keyed by the commitment action that offers each; the problem forms by `problems`,
 * whose holders the API lets act on problems too.
 */
export function useKeepingForms(kind: CommitmentPath, commitment: Commitment): Record<string, ActionTab> {
  const { t } = useTranslation();
  const { id } = commitment;
  const people = [...new Set([commitment.lead, ...commitment.members].filter((p) => p !== undefined))];
  const open = commitment.problems
    .filter((p) => !p.resolvedAt && p.status === 'open')
    .map((p) => ({ value: p.id, label: p.title }));
  const problemField = (
    <Form.Item name="problemId" label={t('commitments.problem')} rules={required}>
      <Select showSearch={{ optionFilterProp: 'label' }} options={open} />
    </Form.Item>
  );
  return {
    assessmentComment: {
      label: t('commitments.commentAssessment'),
      form: (
        <ActionForm<{ year: number; text: string }>
          kind={kind}
          id={id}
          action="assessmentComment"
          submit={t('commitments.commentAssessment')}
          initialValues={{ year: commitment.assessments.at(-1)?.year ?? commitment.year }}
          pathFor={({ year }) => `assessments/${year}/comment`}
          toBody={({ text }) => ({ text })}
        >
          <Form.Item name="year" label={t('commitments.assessmentYear')} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="text" label={t('commitments.comment')}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </ActionForm>
      ),
    },
    handover: {
      label: t('commitments.handover'),
      form: (
        <ActionForm<{ role: 'lead' | 'member'; from: string; to: string; reason: string }>
          kind={kind}
          id={id}
          action="handover"
          submit={t('commitments.handover')}
          initialValues={{ role: 'member' }}
        >
          <Form.Item name="role" label={t('commitments.handoverRole')}>
            <Select
              options={(['member', 'lead'] as const).map((role) => ({
                value: role,
                label: t(`commitments.roles.${role}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="from" label={t('commitments.handoverFrom')}>
            <Select showSearch options={people.map((person) => ({ value: person, label: person }))} />
          </Form.Item>
          <Form.Item name="to" label={t('commitments.handoverTo')}>
            <Input />
          </Form.Item>
          <Form.Item name="reason" label={t('commitments.reason')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </ActionForm>
      ),
    },
    ...(open.length > 0 && {
      problemProgress: {
        label: t('commitments.problemProgress'),
        form: (
          <ActionForm<{ problemId: string; note: string }>
            kind={kind}
            id={id}
            action="problemProgress"
            submit={t('commitments.problemProgress')}
            pathFor={({ problemId }) => `problems/${problemId}/progress`}
            toBody={({ note }) => ({ note })}
          >
            {problemField}
            <Form.Item name="note" label={t('commitments.progressNote')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </ActionForm>
        ),
      },
      problemResolve: {
        label: t('commitments.problemResolve'),
        form: (
          <ActionForm<{ problemId: string; outcome: string }>
            kind={kind}
            id={id}
            action="problemResolve"
            submit={t('commitments.problemResolve')}
            pathFor={({ problemId }) => `problems/${problemId}/resolve`}
            toBody={({ outcome }) => ({ outcome })}
          >
            {problemField}
            <Form.Item name="outcome" label={t('commitments.outcome')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </ActionForm>
        ),
      },
    }),
    suspend: {
      label: t('commitments.suspend'),
      form: <ReasonForm kind={kind} id={id} action="suspend" submit={t('commitments.suspend')} />,
    },
    resume: {
      label: t('commitments.resume'),
      form: <ReasonForm kind={kind} id={id} action="resume" submit={t('commitments.resume')} />,
    },
    close: {
      label: t('commitments.close'),
      form: <ReasonForm kind={kind} id={id} action="close" submit={t('commitments.close')} />,
    },
  };
}
