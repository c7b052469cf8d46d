// Generates src/generated/openapi.ts from Carcosa's OpenAPI document.
//
//   node scripts/gen-types.mjs            regenerate (document from `carcosa openapi`)
//   node scripts/gen-types.mjs --check    fail if the committed file differs (CI)
//   node scripts/gen-types.mjs --spec F   read the document from a file instead
//
// The binary is CARCOSA_BIN or ../../target/debug/carcosa.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "../src/generated/openapi.ts");
const args = process.argv.slice(2);
const specAt = args.indexOf("--spec");
const text =
  specAt >= 0
    ? readFileSync(args[specAt + 1], "utf8")
    : execFileSync(process.env.CARCOSA_BIN ?? resolve(here, "../../../target/debug/carcosa"), ["openapi"], {
        encoding: "utf8",
      });
const ast = await openapiTS(JSON.parse(text), { alphabetize: true });
const body =
  "// Generated from Carcosa's OpenAPI document by scripts/gen-types.mjs. Do not edit:\n" +
  "// run `npm run gen:types` after changing the API (CI checks this file is current).\n\n" +
  astToString(ast);
if (args.includes("--check")) {
  const current = readFileSync(out, "utf8");
  if (current !== body) {
    console.error("src/generated/openapi.ts is out of date with the API: run `npm run gen:types` in sdk/js and commit it.");
    process.exit(1);
  }
  console.log("src/generated/openapi.ts matches the API's OpenAPI document");
} else {
  writeFileSync(out, body);
  console.log(`wrote ${out}`);
}
