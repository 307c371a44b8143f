import { restartDelay, RestartPolicy, Supervisor } from '../../scripts/supervisor';
import { ServerProcess } from '../../scripts/servers';

const policy: RestartPolicy = { firstDelayMs: 10, maxDelayMs: 40, stableAfterMs: 60_000, maxFastFailures: 3 };

/** A service whose every start makes a process the test can crash. */
function crashable(failStarts = 0) {
  const crashes: (() => void)[] = [];
  let starts = 0;
  let stopped = 0;
  const service = {
    name: 'worker',
    async start(): Promise<ServerProcess> {
      starts++;
      if (starts > 1 && failStarts-- > 0) throw new Error('cannot start yet');
      let crash!: (code: string) => void;
      const exited = new Promise<string>((resolve) => (crash = resolve));
      crashes.push(() => crash('SIGKILL'));
      return { pid: 1000 + starts, exited, stop: async () => void (stopped++, crash('SIGTERM')) };
    },
  };
  return { service, crashNewest: () => crashes.at(-1)!(), starts: () => starts, stopped: () => stopped };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('the supervisor of npm start', () => {
  test('When failures come fast, then each restart waits twice as long as the last, up to the maximum', () => {
    expect([1, 2, 3, 4].map((n) => restartDelay(policy, n))).toEqual([10, 20, 40, 40]);
  });

  test('When a process crashes, then it is restarted and the restart is logged with its new pid', async () => {
    const lines: string[] = [];
    const target = crashable();
    const supervisor = new Supervisor(
      (l) => lines.push(l),
      () => undefined,
      policy,
    );
    await supervisor.start(target.service);
    target.crashNewest();
    await until(() => target.starts() === 2);
    await until(() => lines.includes('worker restarted (pid 1002)'));
    expect(lines[0]).toBe('worker started (pid 1001)');
    expect(lines[1]).toMatch(
      /^worker exited \(SIGKILL\) after 0\.0 s; restarting in 0\.01 s \(failure 1 in a row\)$/,
    );
    await supervisor.stopAll();
    expect(target.stopped()).toBe(1);
  });

  test('When a restart itself fails, then it is tried again after a longer wait', async () => {
    const lines: string[] = [];
    const target = crashable(1);
    const supervisor = new Supervisor(
      (l) => lines.push(l),
      () => undefined,
      policy,
    );
    await supervisor.start(target.service);
    target.crashNewest();
    await until(() => target.starts() === 3);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^worker failed to start: cannot start yet .*restarting in 0\.02 s \(failure 2 in a row\)$/,
      ),
    );
    await supervisor.stopAll();
  });

  test('When a process keeps failing fast, then the supervisor gives up and says so', async () => {
    const gaveUp: string[] = [];
    const target = crashable();
    const supervisor = new Supervisor(
      () => undefined,
      (name) => gaveUp.push(name),
      policy,
    );
    await supervisor.start(target.service);
    for (let crash = 1; crash <= policy.maxFastFailures; crash++) {
      target.crashNewest();
      await until(() => target.starts() === crash + 1);
    }
    expect(gaveUp).toEqual([]);
    target.crashNewest();
    await until(() => gaveUp.length === 1);
    expect(gaveUp).toEqual(['worker']);
    expect(target.starts()).toBe(policy.maxFastFailures + 1);
  });

  test('When everything is stopped during a restart wait, then nothing is started again', async () => {
    const target = crashable();
    const supervisor = new Supervisor(
      () => undefined,
      () => undefined,
      { ...policy, firstDelayMs: 60_000 },
    );
    await supervisor.start(target.service);
    target.crashNewest();
    await supervisor.stopAll();
    await new Promise((r) => setTimeout(r, 50));
    expect(target.starts()).toBe(1);
  });
});
