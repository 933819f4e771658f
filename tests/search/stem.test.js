// The search page's words and stems (themes/default/static/kansli.js) must be the
// build's (src/render/search.rs): the same fixture is checked by tests/search.rs.
// Run: node --test tests/search/
"use strict";
const test = require("node:test");
const assert = require("node:assert");
const path = require("node:path");
const fs = require("node:fs");

const repo = path.join(__dirname, "..", "..");
const kansli = require(path.join(repo, "themes/default/static/kansli.js"));
const stems = JSON.parse(fs.readFileSync(path.join(repo, "tests/fixtures/search/stems.json"), "utf8"));

test("every word of the fixture gets the build's stem", () => {
  const wrong = [];
  for (const [word, stem] of Object.entries(stems)) {
    const got = kansli.stem(word);
    if (got !== stem) wrong.push(`${word}: ${got} (fixture ${stem})`);
  }
  assert.ok(Object.keys(stems).length > 1000, "the fixture has the content's words");
  assert.deepStrictEqual(wrong, []);
});

test("words are split, lowercased and filtered as the build does", () => {
  const stop = { om: true, och: true };
  assert.deepStrictEqual(
    kansli.words("Beslut om Budget 2014: 300 000 kr, e-arkiv och IT.", stop),
    ["beslut", "budget", "2014", "300", "000", "kr", "arkiv", "it"],
  );
  assert.deepStrictEqual(kansli.words("Kommunfo\u0308rbundet", {}), ["kommunförbundet"]);
});

test("a word in -an also looks for the word without its definite -n", () => {
  // Snowball leaves "hälsan" and "frågan" whole; "hälsa" is "häls", "fråga" "fråg".
  assert.deepStrictEqual(kansli.queryStems("hälsan"), ["hälsan", "häls"]);
  assert.deepStrictEqual(kansli.queryStems("frågan"), ["frågan", "fråg"]);
  // Shorter words, and words whose stem is the same either way, look for one stem.
  assert.deepStrictEqual(kansli.queryStems("plan"), ["plan"]);
  assert.deepStrictEqual(kansli.queryStems("johan"), ["johan"]);
  assert.deepStrictEqual(kansli.queryStems("budget"), ["budget"]);
});
