import type { Model } from 'mongoose';
import type { Doc } from './drift';

/** What reconciliation does to one read-model collection, whatever its document type. */
export interface Collection {
  /** Documents as the model stores them: cast to the schema, fields it lacks dropped (a funding entry's own `id`, say). */
  asStored(docs: Doc[]): Doc[];
  /** Removes these documents, each only at the revision it is stored at now, so nothing written meanwhile is lost. */
  remove(ids: string[]): Promise<void>;
  /** Removes every document, one by one: dropping a collection on FerretDB would drop the indexes made with its table. */
  empty(): Promise<void>;
}

export function collection<D extends Doc>(model: Model<D>): Collection {
  return {
    asStored: (docs) =>
      docs.map((doc) => new model(doc).toObject({ minimize: false, versionKey: false }) as Doc),
    async remove(ids) {
      for (const _id of ids) {
        const stored = await model.findById(_id).lean<Doc>();
        if (!stored) continue;
        const revision = stored.revision === undefined ? {} : { revision: stored.revision };
        await model.deleteOne({ _id, ...revision } as never);
      }
    },
    async empty() {
      await model.deleteMany({});
    },
  };
}
