import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { HelperError } from '../errors.js';
import { maskJsonText } from '../http/redact-json.js';
import { maskSecretPatterns } from '../http/redact.js';

export type JsonObject = Record<string, unknown>;

export interface ParsedConfig {
  text: string;
  root: JsonObject;
  /** `undefined` when the file has no `mcpServers` key yet. */
  mcpServers: JsonObject | undefined;
}

export interface TextPosition {
  offset: number;
  line: number;
  column: number;
}

export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { offset, line, column };
}

/**
 * The offending line with a caret under the column, for a one-glance error. The line is shown
 * with its secrets masked (maskJsonText): an error message travels into reports and tickets.
 */
export function excerptAt(text: string, original: TextPosition): string {
  const masked = maskJsonText(text);
  const pos = positionAt(masked.text, masked.mapOffset(original.offset));
  const lineText = (masked.text.split('\n')[pos.line - 1] ?? '').replace(/\r$/, '');
  const start = Math.max(0, pos.column - 1 - 40);
  const shown = lineText.slice(start, start + 80);
  return `${shown}\n${' '.repeat(pos.column - 1 - start)}^`;
}

export const isPlainObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Parses Claude Desktop's config as strict JSON (it uses JSON.parse): comments, trailing commas
 * and an empty file are errors. Errors: CONFIG_INVALID_JSON (detail: line, column, excerpt),
 * CONFIG_ROOT_NOT_OBJECT, CONFIG_SERVERS_NOT_OBJECT.
 */
export function parseConfigText(text: string, path = 'config'): ParsedConfig {
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let first: { offset: number; message: string } | undefined = errors[0]
    ? { offset: errors[0].offset, message: printParseErrorCode(errors[0].error) } : undefined;
  if (!first) {
    // jsonc-parser locates errors; JSON.parse is the reader Claude Desktop uses, so it has the last word.
    try {
      JSON.parse(text);
    } catch (error) {
      const m = /position (\d+)/.exec((error as Error).message);
      // V8 quotes the text around the error (`Unexpected token 'g', "…ghp_12"... is not valid JSON`): not shown.
      const message = (error as Error).message.replace(/, ".*"(\.\.\.)? is not valid JSON$/s, '');
      first = { offset: m ? Number(m[1]) : 0, message: maskSecretPatterns(message) };
    }
  }
  if (first) {
    const pos = positionAt(text, first.offset);
    const what = text.trim() === '' ? 'the file is empty'
      : text.startsWith('\uFEFF') ? 'the file starts with a byte order mark (BOM), which JSON.parse rejects' : first.message;
    throw new HelperError('CONFIG_INVALID_JSON',
      `${path}:${pos.line}:${pos.column}: not valid JSON (${what}) at line ${pos.line}, column ${pos.column}`,
      { detail: { path, line: pos.line, column: pos.column, offset: pos.offset, error: what, excerpt: excerptAt(text, pos) } });
  }
  if (!isPlainObject(root)) {
    throw new HelperError('CONFIG_ROOT_NOT_OBJECT', `${path}: the top level must be a JSON object, found ${kindOf(root)}`, { detail: { path, found: kindOf(root) } });
  }
  const servers = root.mcpServers;
  if (servers !== undefined && !isPlainObject(servers)) {
    throw new HelperError('CONFIG_SERVERS_NOT_OBJECT', `${path}: "mcpServers" must be a JSON object, found ${kindOf(servers)}`, { detail: { path, found: kindOf(servers) } });
  }
  return { text, root, mcpServers: servers };
}

/**
 * Decodes file bytes as UTF-8, refusing invalid sequences (decoding them to U+FFFD and writing
 * back would silently change bytes) and keeping a BOM so it is reported, not dropped.
 */
export function decodeConfig(bytes: Uint8Array, path = 'config'): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    throw new HelperError('CONFIG_NOT_UTF8', `${path}: not valid UTF-8 text`, { detail: { path }, cause: error });
  }
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
