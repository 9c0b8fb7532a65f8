// In-place edits of a YAML text that add or remove one key of an existing mapping, touching only
// the characters they must: the rest of the file (comments, layout, flow maps) stays as written.
// The YAML library is used to find where things are, never to re-emit the document.
import { isMap, isScalar, parseDocument, type Pair, type YAMLMap } from "yaml";

type Path = (string | number)[];

function parsed(text: string) {
  const doc = parseDocument(text, { keepSourceTokens: false });
  if (doc.errors.length > 0) throw new Error(`the YAML does not parse: ${doc.errors[0].message}`);
  return doc;
}

function mapAt(text: string, path: Path): YAMLMap {
  const doc = parsed(text);
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(node)) throw new Error(`${path.join(".") || "the document"} is not a mapping`);
  return node;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf("\n", offset);
  return end < 0 ? text.length : end;
}

/** Where a pair's text ends: the end of its value (or of its key when the value is empty). */
function pairEnd(pair: Pair): number {
  const value = pair.value as { range?: [number, number, number] } | null;
  if (value && value.range) return value.range[1];
  const key = pair.key as { range?: [number, number, number] };
  return key.range ? key.range[1] : 0;
}

/**
 * Adds `key: value` to the mapping at `path`, in place. In a block mapping the new key goes on its
 * own line after the last key, at the same indentation; in a flow mapping (`{a: 1}`) it goes
 * before the closing brace. Throws when the mapping is missing or already has the key.
 */
export function insertKey(text: string, path: Path, key: string, value: string): string {
  const map = mapAt(text, path);
  if (map.items.some((p) => keyOf(p) === key)) throw new Error(`${[...path, key].join(".")} is already set`);
  const range = map.range;
  if (!range) throw new Error(`${path.join(".")} has no position in the text`);
  if (map.flow) {
    const close = text.lastIndexOf("}", range[1] - 1);
    if (close < range[0]) throw new Error(`${path.join(".")}: the closing brace is missing`);
    let before = close;
    while (before > range[0] && /\s/.test(text[before - 1])) before--;
    const empty = text[before - 1] === "{";
    const trailingComma = text[before - 1] === ",";
    const sep = empty ? "" : trailingComma ? " " : ", ";
    return text.slice(0, before) + `${sep}${key}: ${value}` + text.slice(before);
  }
  const last = map.items[map.items.length - 1];
  const first = map.items[0];
  const firstKey = first?.key as { range?: [number, number, number] } | undefined;
  if (!last || !firstKey?.range) throw new Error(`${path.join(".")} is an empty mapping`);
  const indent = firstKey.range[0] - lineStart(text, firstKey.range[0]);
  // After the last line of the last pair: the end of the line on which its value ends.
  let end = pairEnd(last);
  while (end > 0 && text[end - 1] === "\n") end--;
  const at = lineEnd(text, end);
  return text.slice(0, at) + `\n${" ".repeat(indent)}${key}: ${value}` + text.slice(at);
}

/** Removes `key` from the mapping at `path`, in place; the text is unchanged when it is absent. */
export function removeKey(text: string, path: Path, key: string): string {
  const map = mapAt(text, path);
  const index = map.items.findIndex((p) => keyOf(p) === key);
  if (index < 0) return text;
  const pair = map.items[index];
  const keyRange = (pair.key as { range?: [number, number, number] }).range;
  if (!keyRange) throw new Error(`${[...path, key].join(".")} has no position in the text`);
  const start = keyRange[0];
  let end = pairEnd(pair);
  if (map.flow) {
    // Take the comma that separates it from its neighbour: the one before, else the one after.
    let from = start;
    let to = end;
    let i = from;
    while (i > 0 && /\s/.test(text[i - 1])) i--;
    if (text[i - 1] === ",") from = i - 1;
    else {
      let j = to;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] === ",") {
        j++;
        while (j < text.length && text[j] === " ") j++;
        to = j;
      }
    }
    return text.slice(0, from) + text.slice(to);
  }
  // A block pair: its whole lines, from the key's line to the end of the value's last line.
  while (end > start && text[end - 1] === "\n") end--;
  const from = lineStart(text, start);
  if (text.slice(from, start).trim() !== "") throw new Error(`${[...path, key].join(".")} shares its line with another key`);
  const to = Math.min(text.length, lineEnd(text, end) + 1);
  return text.slice(0, from) + text.slice(to);
}
