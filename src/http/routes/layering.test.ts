/**
 * Routes call only the application layer (`src/app/`): a route that reaches into `src/store/`
 * for a value runs its own queries, which is how read models drifted into HTTP before. Types of
 * records may still come from the store (`import type`), though app re-exports the ones routes use.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROUTES = dirname(fileURLToPath(import.meta.url));
const STORE = resolve(ROUTES, "../../store");

/** Each import or re-export of a value from `src/store/` in `source`, as `file:line specifier`. */
function storeValueImports(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const intoStore = (spec: string) =>
    spec.startsWith(".") && !relative(STORE, resolve(dirname(file), spec)).startsWith("..");
  const report = (node: ts.Node, spec: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${relative(ROUTES, file)}:${line} ${spec}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const spec = node.moduleSpecifier.text;
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (intoStore(spec) && !typeOnly) report(node, spec);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const spec = (node.moduleSpecifier as ts.StringLiteral).text;
      if (intoStore(spec) && !node.isTypeOnly) report(node, spec);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] !== undefined &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      if (intoStore(node.arguments[0].text)) report(node, node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("src/http/routes imports no value from src/store", () => {
  it("holds for every route file", () => {
    const files = readdirSync(ROUTES).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) =>
      storeValueImports(join(ROUTES, f), readFileSync(join(ROUTES, f), "utf8")),
    );
    expect(found).toEqual([]);
  });

  it("catches value imports, re-exports and dynamic imports, and lets types through", () => {
    const file = join(ROUTES, "example.ts");
    const source = [
      'import { readAudit } from "../../store/repos/audit.js";',
      'import { type A, b } from "../../store/repos/b.js";',
      'import * as store from "../../store/index.js";',
      'export { c } from "../../store/repos/c.js";',
      'const d = await import("../../store/repos/d.js");',
      'import type { E } from "../../store/repos/e.js";',
      'import { type F, type G } from "../../store/repos/f.js";',
      'export type { H } from "../../store/repos/h.js";',
      'import { readAuditTrail } from "../../app/audit/trail.js";',
      'import { storeName } from "../store-like.js";',
    ].join("\n");
    expect(storeValueImports(file, source)).toEqual([
      "example.ts:1 ../../store/repos/audit.js",
      "example.ts:2 ../../store/repos/b.js",
      "example.ts:3 ../../store/index.js",
      "example.ts:4 ../../store/repos/c.js",
      "example.ts:5 ../../store/repos/d.js",
    ]);
  });
});
