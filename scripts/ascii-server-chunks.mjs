// After `next build` (part of `npm run build`): rewrites the standalone server's chunks so that their
// source holds no character above U+00FF, by escaping those characters (`…` → `\u2026`) in string
// literals, untagged template literals, regular expressions and identifiers.
//
// Why: V8 keeps the source text of every loaded module in memory (it compiles functions lazily and
// `Function.prototype.toString` needs it). A source with only Latin-1 characters is stored one byte
// per character; one character above U+00FF anywhere (an ellipsis in a message, a box-drawing
// character in a dependency's log line, the HTML entity table of the markdown parser) makes V8 store
// the whole chunk two bytes per character. Turbopack's minifier does not offer an ASCII-only output.
// Measured (bench/profile-b7-memory.mjs): of ~6 M characters of server chunks loaded by an idle
// server, 4.5 M were stored two-byte; escaping gives that 4.5 MB back.
//
// Only the characters' spelling changes: each escape denotes the same character where it stands
// (a string's or regular expression's value is unchanged; `\` before such a character, an identity
// escape, is folded into the escape; `\` before U+2028/U+2029 in a string is a line continuation and
// stays one). A tagged template's raw text would change, so a chunk with such a character inside a
// tagged template, or in a comment, is left as it is and listed. The rewrite is checked by parsing
// the result again and comparing the value of every string and template literal.
//
// Next.js's own server files in the standalone output (its compiled page and route runtimes hold such
// characters too: 1.5 M characters loaded) are rewritten the same way; a file with one in a comment
// is left as it is (listed).
//
// `node scripts/ascii-server-chunks.mjs [dir…]` (default: the standalone server's .next/server and
// node_modules/next/dist).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const standalone = path.join(root, '.next', 'standalone');
const dirs =
  process.argv.length > 2
    ? process.argv.slice(2).map((dir) => path.resolve(dir))
    : [path.join(standalone, '.next', 'server'), path.join(standalone, 'node_modules', 'next', 'dist')];

const hex = (unit) => `\\u${unit.toString(16).padStart(4, '0')}`;
const wide = (text) => /[\u0100-\uffff]/.test(text);

function parse(file, text) {
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
}

/** Every string-like literal's value (strings, untagged and tagged template parts), in order. */
function literalValues(sourceFile) {
  const values = [];
  const visit = (node) => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node)
    )
      values.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return values;
}

/** Whether a template literal part belongs to a tagged template (whose raw text the tag can read). */
function isTagged(part) {
  let template = part;
  if (ts.isTemplateMiddle(part) || ts.isTemplateTail(part)) template = part.parent.parent;
  else if (ts.isTemplateHead(part)) template = part.parent;
  return ts.isTaggedTemplateExpression(template.parent) && template.parent.template === template;
}

/** Ranges [start, end, kind] of the tokens whose characters may be escaped. */
function escapableRanges(sourceFile) {
  const ranges = [];
  const visit = (node) => {
    const kind = ts.isStringLiteral(node)
      ? 'string'
      : ts.isRegularExpressionLiteral(node)
        ? 'regexp'
        : ts.isIdentifier(node) || ts.isPrivateIdentifier(node)
          ? 'identifier'
          : ts.isNoSubstitutionTemplateLiteral(node) ||
              ts.isTemplateHead(node) ||
              ts.isTemplateMiddle(node) ||
              ts.isTemplateTail(node)
            ? 'template'
            : undefined;
    if (kind) {
      const tagged = kind === 'template' && isTagged(node);
      ranges.push([node.getStart(sourceFile), node.getEnd(), tagged ? 'tagged' : kind]);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return ranges;
}

/** The chunk's text with every UTF-16 unit above U+00FF escaped, or a reason it cannot be. */
export function asciiChunk(file, text) {
  if (!wide(text)) return { text, changed: false };
  const sourceFile = parse(file, text);
  if (sourceFile.parseDiagnostics?.length) return { reason: 'does not parse' };
  const ranges = escapableRanges(sourceFile);
  let out = '';
  let last = 0;
  let r = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit <= 0xff) continue;
    while (r < ranges.length && ranges[r][1] <= i) r++;
    const range = ranges[r];
    if (!range || range[0] > i)
      return { reason: `U+${unit.toString(16)} outside a literal (a comment?) at ${i}` };
    const kind = range[2];
    if (kind === 'tagged') return { reason: `U+${unit.toString(16)} in a tagged template at ${i}` };
    let from = i;
    let to = i + 1;
    let replacement;
    if (kind === 'identifier') {
      const point = text.codePointAt(i);
      replacement = `\\u{${point.toString(16)}}`;
      if (point > 0xffff) to = i + 2;
    } else {
      // An odd run of backslashes before the character escapes it: `\—` means `—`.
      let slashes = 0;
      while (text.charCodeAt(i - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 1) from = i - 1;
      const lineContinuation = from < i && (unit === 0x2028 || unit === 0x2029) && kind !== 'regexp';
      replacement = lineContinuation ? '' : hex(unit);
    }
    out += text.slice(last, from) + replacement;
    last = to;
    i = to - 1;
  }
  out += text.slice(last);
  // The same values, and nothing above U+00FF left.
  const again = parse(file, out);
  if (again.parseDiagnostics?.length) return { reason: 'rewritten text does not parse' };
  const before = literalValues(sourceFile);
  const after = literalValues(again);
  if (before.length !== after.length || before.some((value, k) => value !== after[k]))
    return { reason: 'a literal changed value' };
  if (wide(out)) return { reason: 'characters above U+00FF left' };
  return { text: out, changed: true };
}

function* chunks(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* chunks(file);
    else if (entry.name.endsWith('.js')) yield file;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let rewritten = 0;
  let saved = 0;
  const kept = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) {
      console.error(`ascii-server-chunks: ${dir} is missing; did \`next build\` run?`);
      process.exit(1);
    }
    for (const file of chunks(dir)) {
      const text = fs.readFileSync(file, 'utf8');
      const result = asciiChunk(file, text);
      if (result.reason) {
        kept.push(`${path.relative(root, file)}: ${result.reason}`);
        continue;
      }
      if (!result.changed) continue;
      fs.writeFileSync(file, result.text);
      rewritten++;
      saved += text.length;
    }
  }
  console.log(
    `ascii-server-chunks: ${rewritten} files rewritten to Latin-1 (${(saved / 1048576).toFixed(1)} M characters V8 now stores one byte each); ${kept.length} left as they are`,
  );
  if (process.env.ASCII_CHUNKS_VERBOSE) for (const line of kept) console.log(`  left two-byte: ${line}`);
}
