#!/usr/bin/env node
// Prints the statements and relations of Argdown files as @argdown/core's own model has them,
// so that tests/test_argdown_model.py can compare argmap's import with it, relation for relation.
//
// Usage: node tools/node/argdown-model.js FILE.argdown [FILE.argdown ...]
// Prints one JSON object: {"FILE": {"statements": [...], "arguments": [...], "relations": [...],
// "frontMatter": ..., "errors": [...]}, ...}: statements {title, members, text, inList},
// arguments {title, pcs: [{title, role}]}, relations {from, fromType, to, toType, type,
// occurrences}, the front matter as js-yaml read it, and Argdown's lexer, parser and model errors. The application runs the "parse-input" and "build-model" steps of the
// Argdown CLI's `json` export (ParserPlugin, DataPlugin, ModelPlugin, ExplodeArgumentsPlugin,
// RegroupPlugin), with the CLI's default settings; a front matter's settings apply as in the CLI.
// A relation to an inference (an undercut) names the argument, with "toType": "inference".
"use strict";

const fs = require("fs");
const path = require("path");
const core = require("@argdown/core");

function application() {
  const app = new core.ArgdownApplication();
  app.addPlugin(new core.ParserPlugin(), "parse-input");
  app.addPlugin(new core.DataPlugin(), "build-model");
  app.addPlugin(new core.ModelPlugin(), "build-model");
  app.addPlugin(new core.ExplodeArgumentsPlugin(), "build-model");
  app.addPlugin(new core.RegroupPlugin(), "build-model");
  return app;
}

function inferenceOwner(args, inference) {
  // the argument whose premise-conclusion structure holds the inference (after
  // explodeArguments this is one of the parts, not the argument the inference names)
  for (const a of Object.values(args)) {
    if ((a.pcs || []).some(s => s.inference === inference)) return a.title;
  }
  return inference.argumentTitle;
}

function relationJSON(args, r) {
  const to = r.to.type === core.ArgdownTypes.INFERENCE ? inferenceOwner(args, r.to) : r.to.title;
  return {
    from: r.from.title,
    fromType: r.from.type,
    to: to,
    toType: r.to.type,
    type: r.relationType,
    occurrences: (r.occurrences || []).length,
  };
}

function model(app, file) {
  const input = fs.readFileSync(file, "utf-8");
  const errors = [];
  let response;
  try {
    response = app.run({
      input: input,
      inputPath: file,
      process: ["parse-input", "build-model"],
      logLevel: "error",
      throwExceptions: true,
    });
  } catch (e) {
    return { statements: [], arguments: [], relations: [], frontMatter: null, errors: [String(e && e.message || e)] };
  }
  for (const e of response.lexerErrors || []) errors.push("lexer: " + (e.message || String(e)));
  for (const e of response.parserErrors || []) {
    const at = e.token && e.token.startLine ? ` (line ${e.token.startLine})` : "";
    errors.push("parser: " + e.message + at);
  }
  const statements = Object.values(response.statements || {}).map(ec => ({
    title: ec.title,
    members: ec.members.length,
    text: (ec.members.find(m => m.text) || {}).text || null,
    // an item of a list only (such a statement has no role in Argdown's model)
    inList: ec.members.every(m => !m.role),
  }));
  const args = Object.values(response.arguments || {}).map(a => ({
    title: a.title,
    pcs: (a.pcs || []).map(s => ({ title: s.title, role: s.role })),
  }));
  const relations = (response.relations || []).map(r => relationJSON(response.arguments || {}, r));
  const frontMatter = response.frontMatter === undefined ? null : response.frontMatter;
  return { statements: statements, arguments: args, relations: relations, frontMatter: frontMatter, errors: errors };
}

function main(argv) {
  if (argv.length === 0) {
    process.stderr.write("usage: node argdown-model.js FILE.argdown [FILE.argdown ...]\n");
    return 2;
  }
  const app = application();
  const out = {};
  for (const file of argv) {
    out[file] = model(app, path.resolve(file));
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
