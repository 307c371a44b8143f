import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { Decision } from '../../domain/timeline';
import { ReadModel, ReadModelStates } from '../../common/projection';
import { CaseShell } from './caseShell';
import { asFailure } from './refusals';

/**
 * People act on a case through one update: the validator refuses what the domain refuses, so a
 * refused action leaves no trace in the history; an accepted one is committed, followed by any
 * side step, and answered once lists show it.
 */
export function handleActions<S extends ReadModelStates[ReadModel], C>(
  shell: CaseShell<S>,
  update: UpdateDefinition<S, [C]>,
  decide: (state: S, command: C) => Decision<S>,
  after?: (command: C) => Promise<void>,
): void {
  const decided = (command: C) => asFailure(() => decide(shell.state, command));
  setHandler(
    update,
    async (command) => {
      shell.commit(decided(command));
      await after?.(command);
      await shell.projected();
      return shell.state;
    },
    { validator: (command) => void decided(command) },
  );
}
