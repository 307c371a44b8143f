import { Writable } from 'node:stream';
import { createLogger } from '../../common/log';
import { maskName, maskPhone } from '../../domain/privacy/masks';
import { temporalLogger } from '../../worker/temporalLogger';

/** A logger whose JSON lines land in an array. */
function capturing() {
  const lines: Record<string, any>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger({ destination }), lines };
}

describe('masking residents in logs', () => {
  test('When names are masked, then only the family name shows, one star per hidden character', () => {
    expect([maskName('张三'), maskName('欧阳娜娜'), maskName('王'), maskName(' 李四 ')]).toEqual([
      '张*',
      '欧***',
      '*',
      '李*',
    ]);
  });

  test('When phone numbers are masked, then the first three and last four digits show, whatever the separators', () => {
    expect([
      maskPhone('13812345678'),
      maskPhone('138-1234-5678'),
      maskPhone('010 8765 4321'),
      maskPhone('12345'),
    ]).toEqual(['138****5678', '138****5678', '010****4321', '***45']);
  });

  test('When a request body, a submission and a pairing are logged, then every requester and household is masked and the object itself is left alone', () => {
    const { log, lines } = capturing();
    const body = { title: '楼道灯坏了', requester: { id: 'resident-1', name: '张三', phone: '13812345678' } };
    log.info({ body }, 'filed');
    log.info(
      {
        input: {
          state: {
            submission: {
              requester: { id: 'r2', name: '欧阳娜娜' },
              households: [
                { id: 'h-1', name: '李四' },
                { id: 'h-2', name: '王五' },
              ],
            },
          },
        },
      },
      'projected',
    );
    log.info(
      { requester: { id: 'r3', name: '赵六', phone: '13900001111', address: '朝阳区幸福小区3栋2单元501' } },
      'top level',
    );

    expect(lines.map(({ msg, body, input, requester }) => ({ msg, body, input, requester }))).toEqual([
      {
        msg: 'filed',
        body: { title: '楼道灯坏了', requester: { id: 'resident-1', name: '张*', phone: '138****5678' } },
      },
      {
        msg: 'projected',
        input: {
          state: {
            submission: {
              requester: { id: 'r2', name: '欧***' },
              households: [
                { id: 'h-1', name: '李*' },
                { id: 'h-2', name: '王*' },
              ],
            },
          },
        },
      },
      {
        msg: 'top level',
        requester: { id: 'r3', name: '赵*', phone: '139****1111', address: '朝阳区幸福小区…' },
      },
    ]);
    expect(body.requester).toEqual({ id: 'resident-1', name: '张三', phone: '13812345678' });
  });

  test('When the Temporal SDK logs through the pino logger, then its metadata (the workflow id) are fields of a JSON line at its level', () => {
    const { log, lines } = capturing();
    temporalLogger(log).warn('Activity failed', {
      workflowId: 'request-42',
      activityType: 'commitRevision',
      sdkComponent: 'activity',
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        msg: 'Activity failed',
        workflowId: 'request-42',
        activityType: 'commitRevision',
        sdkComponent: 'activity',
      }),
    ]);
  });
});
