import { applyEdits, findNodeAtLocation, format, modify, parseTree, type FormattingOptions, type Node } from 'jsonc-parser';
import { isDeepStrictEqual } from 'node:util';
import { parseConfigText } from './parse.js';

/** The file's own layout, so inserted text looks like it was always there. */
export function detectFormatting(text: string): FormattingOptions {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...text.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1] ?? '');
  if (indents.some((i) => i.startsWith('\t'))) return { insertSpaces: false, tabSize: 1, eol };
  const widths = indents.map((i) => i.length).filter((n) => n > 0);
  const tabSize = widths.length ? Math.min(...widths) : 2;
  return { insertSpaces: true, tabSize, eol };
}

export interface EntryEdit {
  text: string;
  changed: boolean;
  /** True when `mcpServers.<name>` existed before (and is being replaced). */
  replaced: boolean;
}

/**
 * Sets `mcpServers.<name>` to `entry`, changing no byte outside the entry's own lines: key order,
 * indentation and the layout of every other value stay as they were. An equal entry is a no-op.
 * `text === undefined` means the file does not exist yet. Throws the errors of parseConfigText.
 *
 * jsonc-parser's `modify` makes the structural edit (commas, a new `mcpServers` object); its
 * formatter re-lays out every line an edit touches, so the edit is made unformatted and then only
 * the lines holding the new property are formatted, in the file's own indent and EOL.
 */
export function setServerEntry(text: string | undefined, name: string, entry: unknown, path?: string): EntryEdit {
  if (text === undefined) {
    return { text: `${JSON.stringify({ mcpServers: { [name]: entry } }, null, 2)}\n`, changed: true, replaced: false };
  }
  const parsed = parseConfigText(text, path);
  const existing = parsed.mcpServers && Object.hasOwn(parsed.mcpServers, name) ? parsed.mcpServers[name] : undefined;
  if (existing !== undefined && isDeepStrictEqual(existing, entry)) return { text, changed: false, replaced: true };
  const replaced = existing !== undefined;
  const raw = applyEdits(text, modify(text, ['mcpServers', name], entry, {}));
  if (!text.trim().includes('\n')) return { text: raw, changed: true, replaced };

  const options = detectFormatting(text);
  let out = raw;
  const created = !replaced && parsed.mcpServers === undefined;
  const inserted = (t: string): Node => {
    const prop = propertyNode(t, name);
    return created ? (prop.parent?.parent ?? prop) : prop;
  };
  let target = inserted(out);
  if (!replaced) {
    // Give the inserted property lines of its own: after a sibling's `,` or an empty object's
    // `{` on the same line, and before the parent's `}` when it follows on the same line.
    const parentIndent = lineIndent(out, target.parent?.offset ?? 0);
    const end = target.offset + target.length;
    if (/^[ \t]*\}/.test(out.slice(end))) out = `${out.slice(0, end)}${options.eol}${parentIndent}${out.slice(end)}`;
    if (!/\n[ \t]*$/.test(out.slice(0, target.offset))) {
      const indent = siblingIndent(out, target) ?? `${parentIndent}${unit(options)}`;
      out = `${out.slice(0, target.offset)}${options.eol}${indent}${out.slice(target.offset)}`;
    }
    target = inserted(out);
  }
  const edits = format(out, { offset: target.offset, length: target.length }, options);
  return { text: applyEdits(out, edits), changed: true, replaced };
}

function propertyNode(text: string, name: string): Node {
  const value = findNodeAtLocation(parseTree(text) as Node, ['mcpServers', name]);
  if (!value?.parent) throw new Error('jsonc-parser edit lost the entry');
  return value.parent;
}

function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? '';
}

/** Indentation of the first sibling property that starts its own line. */
function siblingIndent(text: string, prop: Node): string | undefined {
  for (const sib of prop.parent?.children ?? []) {
    if (sib === prop) continue;
    const lineStart = text.lastIndexOf('\n', sib.offset - 1) + 1;
    if (/^[ \t]*$/.test(text.slice(lineStart, sib.offset))) return text.slice(lineStart, sib.offset);
  }
  return undefined;
}

const unit = (o: FormattingOptions): string => (o.insertSpaces ? ' '.repeat(o.tabSize ?? 2) : '\t');
