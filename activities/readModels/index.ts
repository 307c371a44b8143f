import type { CommittedRevision, Projection, ReadModel } from '../../common/projection';
import type { Models } from '../db/models';
import { commitmentReadModel } from '../commitments/readModel';
import { committeeReadModel } from '../committee/readModel';
import { requestReadModel } from '../requests/readModel';
import type { ReadModelDefinition } from './readModel';

/** Every read model, once: a kind of case that brings its own adds it here (and its state to common/projection.ts). */
export const readModels: { [M in ReadModel]: ReadModelDefinition<M> } = {
  request: requestReadModel,
  commitment: commitmentReadModel,
  committee: committeeReadModel,
};

/** The read model a case's truth or revision names, typed for its own state. */
export function readModelOf<M extends ReadModel>(name: M): ReadModelDefinition<M> {
  return readModels[name] as ReadModelDefinition<M>;
}

/** Writes one revision into the read model it names. */
export function revisionProjector(models: Models): (revision: CommittedRevision) => Promise<void> {
  const projectors = new Map(
    Object.entries(readModels).map(([name, model]) => [
      name,
      model.project(models) as (projection: Projection<unknown>) => Promise<void>,
    ]),
  );
  return (revision) => projectors.get(revision.readModel)!(revision);
}
