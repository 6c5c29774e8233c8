/**
 * Redaction of a JSON document's text (a Claude Desktop config, a backup of one), keeping every
 * line where it was: the rules of redact.ts applied per string, with the context only the
 * document gives (an `env` object, a secret-named key, the flag before an argument). A document
 * that does not parse is still masked: a string the tolerant parser could not place is masked
 * whole, an unquoted word that looks like a credential too, comments get the free-text rules.
 * Used for diffs and for the excerpt under a JSON syntax error. Rules: docs/redaction.md.
 */
import { createScanner, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { isSecretKey, maskSecretPatterns, redactArgs, redactSecret, redactValue, SECRET_CONTAINERS } from './redact.js';

/** jsonc-parser's SyntaxKind values (a const enum in its typings, so not importable under verbatimModuleSyntax). */
const SyntaxKind = { ColonToken: 6, StringLiteral: 10, LineCommentTrivia: 12, BlockCommentTrivia: 13, Unknown: 16, EOF: 17 } as const;

interface Edit { offset: number; length: number; text: string }

const TOKENISH = /^(?=.{8,}$)(?:.*[0-9._~+/=]|.{20})/;

/** The displayed form of one string found by the parser. */
function shownString(value: string, secret: boolean): string {
  if (secret) return /…\(\d+ chars\)$/.test(value) ? value : redactSecret(value);
  if (/^\s*[[{]/.test(value)) {
    try { return JSON.stringify(redactValue(JSON.parse(value))); } catch { /* free text */ }
  }
  return maskSecretPatterns(value);
}

function walk(node: Node, secret: boolean, edits: Edit[], seen: Set<number>): void {
  if (node.type === 'string') {
    seen.add(node.offset);
    const shown = shownString(String(node.value), secret);
    if (shown !== node.value) edits.push({ offset: node.offset, length: node.length, text: JSON.stringify(shown) });
    return;
  }
  if (node.type === 'object') {
    for (const prop of node.children ?? []) {
      const [keyNode, valueNode] = prop.children ?? [];
      if (keyNode) seen.add(keyNode.offset);
      const key = String(keyNode?.value ?? '');
      if (valueNode) walk(valueNode, secret || SECRET_CONTAINERS.has(key) || isSecretKey(key), edits, seen);
    }
    return;
  }
  if (node.type === 'array') {
    const children = node.children ?? [];
    // Arguments read in order: the value after `--token` is secret however it looks.
    const args = secret ? [] : redactArgs(children.map((c) => (c.type === 'string' ? String(c.value) : '')));
    children.forEach((child, i) => {
      if (child.type !== 'string' || secret) { walk(child, secret, edits, seen); return; }
      seen.add(child.offset);
      const shown = args[i] ?? '';
      if (shown !== child.value) edits.push({ offset: child.offset, length: child.length, text: JSON.stringify(shown) });
    });
  }
}

/** Tokens the parser did not place (a broken document): strings masked whole, credential-like words, comments. */
function strayEdits(text: string, seen: Set<number>): Edit[] {
  const edits: Edit[] = [];
  const scanner = createScanner(text, false);
  let kind = scanner.scan();
  while (kind !== SyntaxKind.EOF) {
    const offset = scanner.getTokenOffset();
    const length = scanner.getTokenLength();
    const raw = text.slice(offset, offset + length);
    if (kind === SyntaxKind.StringLiteral && !seen.has(offset)) {
      const next = scanner.scan();
      const isKey = next === SyntaxKind.ColonToken;
      if (!isKey || !/^"[^"\\]*"$/.test(raw)) edits.push({ offset, length, text: `"${redactSecret(raw.replace(/^"|"$/g, ''))}"` });
      kind = next;
      continue;
    }
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) {
      const shown = maskSecretPatterns(raw);
      if (shown !== raw) edits.push({ offset, length, text: shown });
    } else if (kind === SyntaxKind.Unknown) {
      const shown = maskSecretPatterns(raw);
      if (shown !== raw || TOKENISH.test(raw)) edits.push({ offset, length, text: shown !== raw ? shown : redactSecret(raw) });
    }
    kind = scanner.scan();
  }
  return edits;
}

function secretEdits(text: string): Edit[] {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const edits: Edit[] = [];
  const seen = new Set<number>();
  if (tree) walk(tree, false, edits, seen);
  edits.push(...strayEdits(text, seen));
  edits.sort((a, b) => a.offset - b.offset);
  // Keep the first of overlapping edits (a stray token inside a placed one cannot happen, but be safe).
  return edits.filter((e, i) => i === 0 || e.offset >= edits[i - 1]!.offset + edits[i - 1]!.length);
}

export interface MaskedJsonText {
  text: string;
  /** Where an offset of the original text lies in the masked text (inside a masked value: its start). */
  mapOffset(offset: number): number;
}

/**
 * The document's text with secrets masked: every string under `env`/`headers`, every value of a
 * secret-named key, the argument after a secret-named flag, and secret-shaped text in any other
 * string. Line structure is kept (JSON strings hold no raw newline).
 */
export function maskJsonText(text: string): MaskedJsonText {
  const edits = secretEdits(text);
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.offset) + e.text;
    at = e.offset + e.length;
  }
  out += text.slice(at);
  return {
    text: out,
    mapOffset(offset) {
      let shift = 0;
      for (const e of edits) {
        if (offset < e.offset) break;
        if (offset < e.offset + e.length) return e.offset + shift;
        shift += e.text.length - e.length;
      }
      return offset + shift;
    },
  };
}

/** maskJsonText's text alone. */
export function maskConfigSecrets(text: string): string {
  return maskJsonText(text).text;
}
