// Reads content files as an editor's YAML support reads them (the `yaml` package, YAML 1.2) and
// validates each against the JSON Schema of its kind in generator/schema/ with ajv (draft-07).
import Ajv from "ajv";
import YAML from "yaml";
import fs from "node:fs";
import path from "node:path";

// The kinds of content file, named as their schemas: generator/schema/<kind>.schema.json.
export const KINDS = ["site", "grades", "areas", "assignments", "pack", "maturity", "front-matter"];

// The kind of a file by its path relative to the content folder (as the loaders find them), or null
// for a file no loader reads as content.
export function kindOf(relative) {
  const parts = relative.split(path.sep);
  const name = parts.at(-1);
  if (name.endsWith(".md")) return "front-matter";
  if (!name.endsWith(".yaml")) return null;
  if (parts.length === 1) return name === "site.yaml" ? "site" : null;
  if (parts.length === 2 && parts[0] === "standards")
    return { "grades.yaml": "grades", "areas.yaml": "areas" }[name] ?? null;
  if (parts.length === 3 && parts[0] === "standards") return "assignments";
  if (parts.length === 2 && parts[0] === "packs") return "pack";
  if (parts.length === 2 && parts[0] === "maturity") return "maturity";
  return null;
}

export function schemaFile(repo, kind) {
  return path.join(repo, "generator", "schema", `${kind}.schema.json`);
}

// One ajv validator per kind. strict: a keyword ajv does not know, or one that cannot apply where it
// stands, is an error in the schema, not something ignored. Union types ("string or number") are
// what YAML scalars need; `required` in a oneOf or then names keys of the enclosing object.
export function compileSchemas(repo) {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, strictRequired: false, allErrors: true, verbose: true });
  const validators = {};
  for (const kind of KINDS) validators[kind] = ajv.compile(JSON.parse(fs.readFileSync(schemaFile(repo, kind), "utf8")));
  return validators;
}

// Every file below `dir` (relative paths, sorted), hidden ones left out as the loaders leave them.
export function listFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  walk("");
  return out.sort();
}

// The YAML part of a content file: the whole of a .yaml file, the front matter of a .md file (the
// lines between a first line "---" and the next "---"), with the number of lines before it.
function yamlPart(relative, text) {
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  if (!relative.endsWith(".md")) return { yaml: text, offset: 0 };
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  if (lines[0] !== "---") return { refused: "no front matter" };
  const end = lines.indexOf("---", 1);
  if (end < 0) return { refused: "front matter is never closed" };
  return { yaml: lines.slice(1, end).join("\n") + "\n", offset: 1 };
}

// The line (1-based, in the file) of the value at an ajv instancePath, or of the nearest enclosing one.
function lineOf(doc, counter, offset, instancePath) {
  const keys = instancePath.split("/").slice(1).map((k) => k.replace(/~1/g, "/").replace(/~0/g, "~"));
  for (let n = keys.length; n >= 0; --n) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true);
    if (node?.range) return counter.linePos(node.range[0]).line + offset;
  }
  return offset + 1;
}

// True when a value holds itself (an alias inside its anchor): the yaml package builds such a value,
// which no validator can walk to its end.
function containsItself(value, ancestors = new Set()) {
  if (value === null || typeof value !== "object") return false;
  if (ancestors.has(value)) return true;
  ancestors.add(value);
  const found = Object.values(value).some((child) => containsItself(child, ancestors));
  ancestors.delete(value);
  return found;
}

// Reads and validates one content file. Returns { kind, refused } when the text is not read as YAML
// (the reader's reason), else { kind, errors }: each error { path, keyword, key, message, line }.
export function checkFile(validators, contentDir, relative) {
  const kind = kindOf(relative);
  let text;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(fs.readFileSync(path.join(contentDir, relative)));
  } catch (e) {
    return { kind, refused: `not UTF-8 (${e.message})` };
  }
  const part = yamlPart(relative, text);
  if (part.refused) return { kind, refused: part.refused };
  const counter = new YAML.LineCounter();
  let docs, value;
  try {
    docs = YAML.parseAllDocuments(part.yaml, { uniqueKeys: true, lineCounter: counter });
    if (!Array.isArray(docs)) docs = [];  // an empty stream
    if (docs.length > 1) return { kind, refused: "more than one YAML document" };
    const problems = docs.flatMap((d) => d.errors);
    if (problems.length) return { kind, refused: problems[0].message.split("\n")[0] };
    value = docs.length ? docs[0].toJS({ maxAliasCount: 10000 }) : null;
  } catch (e) {
    return { kind, refused: e.message.split("\n")[0] };
  }
  if (containsItself(value)) return { kind, refused: "an alias refers to a value that contains it" };
  const validate = validators[kind];
  if (validate(value === undefined ? null : value)) return { kind, errors: [] };
  // `key`: the key missing or not allowed, or the value outside an enum.
  const errors = validate.errors.map((e) => {
    const key = e.params.missingProperty ?? e.params.additionalProperty ?? (e.keyword === "enum" ? String(e.data) : undefined);
    return {
      path: e.instancePath || "/",
      keyword: e.keyword,
      key,
      message: `${e.instancePath || "/"} ${e.message}${key === undefined || e.keyword === "required" ? "" : `: '${key}'`}`,
      line: docs.length ? lineOf(docs[0], counter, part.offset, e.instancePath) : 1,
    };
  });
  return { kind, errors };
}

// The schema a YAML content file names in its first line, `# yaml-language-server: $schema=<path>`,
// resolved from the file's folder (as the YAML extension resolves it); null when the line is missing.
export function modelineSchema(contentDir, relative) {
  const first = fs.readFileSync(path.join(contentDir, relative), "utf8").split("\n")[0];
  const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first.replace(/\r$/, ""));
  return match ? path.resolve(path.dirname(path.join(contentDir, relative)), match[1]) : null;
}
