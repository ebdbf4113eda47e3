/**
 * Security headers on every answer: the console and the API docs under a Content Security Policy
 * they work under (checked in Chromium by test/e2e), JSON answers under one that allows nothing;
 * never framed, never sniffed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { freshApi, type TestApi } from "../../test/support/api.js";
import { defaultConsoleDir } from "./console.js";

describe("security headers", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi("sqlite");
  });

  const policy = (header: unknown) =>
    new Map(
      String(header)
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .filter((d) => d[0])
        .map(([name, ...values]) => [name!, values]),
    );

  it("serves the console's pages under a policy of this origin only, never framed", async () => {
    for (const url of ["/", "/some/deep/link"]) {
      const res = await api.call(null, "GET", url);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      const csp = policy(res.headers["content-security-policy"]);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      // Inline styles: the editor (CodeMirror) writes its theme so; scripts stay this origin's.
      expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
      expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      // Plain http on a LAN must keep working: no forced upgrade, no HSTS from the app.
      expect(csp.has("upgrade-insecure-requests")).toBe(false);
      expect(res.headers["strict-transport-security"]).toBeUndefined();
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
    // The policy forbids inline scripts: the built page must have none.
    const html = readFileSync(join(defaultConsoleDir(), "index.html"), "utf8");
    expect(html.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
  });

  it("lets swagger-ui's own inline styles through on /docs, and no inline script", async () => {
    const res = await api.call(null, "GET", "/docs");
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    const csp = policy(res.headers["content-security-policy"]);
    expect(csp.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get("script-src")).toEqual(["'self'"]);
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("answers JSON under a policy that allows nothing, whatever the status", async () => {
    const answers = [
      await api.call(null, "GET", "/healthz"),
      await api.call(null, "GET", "/readyz"),
      await api.call(null, "GET", "/api/v1/campaigns"),
      await api.call("operator", "GET", "/api/v1/campaigns"),
      await api.call("operator", "GET", "/api/v1/campaigns/nope"),
      await api.call("platform", "PUT", "/api/v1/facts/merchants", { merchants: [] }),
      await api.call(null, "GET", "/api/openapi.json"),
      // Refused before the console's catch-all route (and its page headers) could answer it.
      await api.call(null, "GET", "/api/v1/nowhere"),
    ];
    for (const res of answers) {
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      expect(res.headers["content-security-policy"]).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
    }
  });
});
