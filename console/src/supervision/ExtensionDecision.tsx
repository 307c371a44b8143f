import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok, queryClient } from '../api/client';
import { showProblem } from '../api/formErrors';
import type { BoardRequest } from './BoardTable';

/**
 * Approve or refuse a pending extension, with the note the API requires. Whether this leader may
 * decide it is the API's to say: its refusal is shown as it words it.
 */
export function ExtensionDecision({
  request,
  approve,
  onClose,
}: {
  request: BoardRequest;
  approve: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [problem, setProblem] = useState<string>();
  const [sending, setSending] = useState(false);
  const decide = async ({ note }: { note: string }) => {
    setSending(true);
    setProblem(undefined);
    try {
      ok(
        await api.POST('/api/v1/requests/{id}/extend/decision', {
          params: { path: { id: request.id } },
          body: { approve, note },
        }),
      );
      await queryClient.invalidateQueries();
      onClose();
    } catch (err) {
      setProblem(showProblem(form, err));
    } finally {
      setSending(false);
    }
  };
  return (
    <Modal
      open
      title={`${t(approve ? 'supervision.approve' : 'supervision.refuse')}: ${request.title}`}
      okText={t(approve ? 'supervision.approve' : 'supervision.refuse')}
      cancelText={t('cancel')}
      confirmLoading={sending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {problem && <Alert type="error" title={problem} showIcon style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={(values) => void decide(values)}>
        <Form.Item
          name="note"
          label={t('supervision.note')}
          rules={[{ required: true, message: t('supervision.noteNeeded') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
