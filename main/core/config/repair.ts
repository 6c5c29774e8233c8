/**
 * A repair that keeps every byte of content: a config that is valid JSON but for trailing commas
 * and comments (the usual hand edits; JSON, RFC 8259, allows neither, and Claude Desktop reads the
 * file as JSON) has exactly those removed, nothing else. Found with jsonc-parser's visitor, so
 * strings that contain commas or slashes are never touched. Any other error: no repair offered.
 */
import { applyEdits, visit, type Edit } from 'jsonc-parser';

export interface ConfigRepair {
  /** The repaired text (valid JSON). */
  text: string;
  /** What was removed, in words, e.g. "a trailing comma at line 3, column 34". */
  fixes: string[];
}

const where = (line: number, char: number) => `line ${line + 1}, column ${char + 1}`;

export function repairConfigText(text: string): ConfigRepair | null {
  const found: { edit: Edit; fix: string }[] = [];
  let otherErrors = 0;
  let comma: { offset: number; line: number; char: number } | undefined;
  const value = () => { comma = undefined; };
  const end = () => {
    if (comma) found.push({ edit: { offset: comma.offset, length: 1, content: '' }, fix: `a trailing comma at ${where(comma.line, comma.char)}` });
    comma = undefined;
  };
  visit(text, {
    onSeparator: (ch, offset, _length, line, char) => { comma = ch === ',' ? { offset, line, char } : undefined; },
    onObjectBegin: value, onArrayBegin: value, onObjectProperty: value, onLiteralValue: value,
    onObjectEnd: end, onArrayEnd: end,
    onComment: (offset, length, line, char) => { found.push({ edit: { offset, length, content: '' }, fix: `a comment at ${where(line, char)}` }); },
    onError: () => { otherErrors++; },
  }, { allowTrailingComma: true, disallowComments: false });
  if (otherErrors || !found.length) return null;
  found.sort((a, b) => a.edit.offset - b.edit.offset);
  const repaired = applyEdits(text, found.map((f) => f.edit));
  try { JSON.parse(repaired); } catch { return null; }
  return { text: repaired, fixes: found.map((f) => f.fix) };
}
