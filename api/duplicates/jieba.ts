import { Jieba } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict';
import { Segmenter, TermRarity } from '../../domain/duplicates/terms';

/**
 * What the duplicate rules need from jieba: its segmenter, on the dictionary alone (its HMM glues
 * unlisted runs such as 没水用 or 说不清楚 into one-off words no other filing shares), and its IDF table.
 */
export interface TextModel {
  segment: Segmenter;
  rarity: TermRarity;
}

/**
 * jieba's default dictionary and IDF table (about 0.3 s and 60 MiB; build one per process). A
 * term the IDF table lacks (a building number, a new word) counts as its median, as jieba's own
 * keyword extraction does.
 */
export function jiebaTextModel(): TextModel {
  const jieba = Jieba.withDict(dict);
  const table = new Map<string, number>();
  for (const line of new TextDecoder().decode(idf).split('\n')) {
    const [word, value] = line.split(' ');
    if (word && value) table.set(word, Number(value));
  }
  const sorted = [...table.values()].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 1;
  return {
    segment: (text) => jieba.cut(text, false),
    rarity: (term) => table.get(term) ?? median,
  };
}
