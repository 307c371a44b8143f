export const inbox = {
  zh: {
    inbox: {
      whose: '收件人',
      mine: '发给我的',
      unit: '发给本单位的',
      at: '时间',
      kind: '类型',
      message: '内容',
      case: '案件',
      kinds: {
        reminder: '提醒',
        urge: '催办',
        supervise: '督办',
        agenda: '上会',
        public_notice: '通报',
      },
    },
  },
  en: {
    inbox: {
      whose: 'Recipient',
      mine: 'To me',
      unit: 'To my unit',
      at: 'When',
      kind: 'Kind',
      message: 'Message',
      case: 'Case',
      kinds: {
        reminder: 'Reminder',
        urge: 'Urging',
        supervise: 'Supervision',
        agenda: 'Agenda',
        public_notice: 'Public notice',
      },
    },
  },
};
