/**
 * Yuan summed in whole fen, so ¥0.1 + ¥0.2 is ¥0.3 and every total of the same amounts is the
 * same, wherever it is shown: the yearly assessment and the API's funds ledger add up alike.
 */
export function sumYuan(amounts: number[]): number {
  return amounts.reduce((fen, yuan) => fen + Math.round(yuan * 100), 0) / 100;
}
