/** Character classes the filter stages share, read from UTF-16 code units without a regex where ASCII allows. */

/** An ASCII digit's code unit. */
export function isDigit(c: number): boolean { return c >= 48 && c <= 57; }

/** A letter or a digit of any script. */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Whether the unit at `i` is a letter or digit, without the regex for ASCII (French text has an apostrophe every few words). */
export function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return WORD_CHAR.test(text[i]!);
}
