/**
 * Request validation with zod, reporting every bad field with its path. The compiler is ours
 * (not the provider's) so the issue paths keep their numbers: `products[3].priceFen`.
 */
import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { formatPath } from "../domain/campaign/problems.js";

export interface IssueView {
  in: "body" | "querystring" | "params" | "headers";
  path: string;
  code: string;
  message: string;
}

export class RequestValidationError extends Error {
  readonly statusCode = 400;
  readonly code = "invalid_request";
  constructor(readonly issues: IssueView[]) {
    const where = { body: "body", querystring: "query string", params: "path", headers: "headers" };
    const parts = [...new Set(issues.map((i) => where[i.in]))];
    const n = issues.length;
    const what = parts.length === 1 ? `the request's ${parts[0]}` : "the request";
    super(`${what} has ${n} problem${n === 1 ? "" : "s"}: see issues`);
  }
}

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => {
  const part = (
    httpPart === "body" || httpPart === "params" || httpPart === "headers"
      ? httpPart
      : "querystring"
  ) as IssueView["in"];
  return (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    // An unknown key is reported at its own path, one issue per key, like any other bad field.
    const issues = result.error.issues.flatMap((i): IssueView[] =>
      i.code === "unrecognized_keys"
        ? i.keys.map((key) => ({
            in: part,
            path: formatPath([...i.path, key]),
            code: i.code,
            message: `unknown field "${key}"`,
          }))
        : [{ in: part, path: formatPath(i.path), code: i.code, message: i.message }],
    );
    return { error: new RequestValidationError(issues) };
  };
};
