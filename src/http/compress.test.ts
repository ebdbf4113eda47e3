/**
 * Compression: the console's assets go out as the build's brotli or gzip files, API answers above
 * 1 KiB are compressed on the fly, and a client that takes neither gets the plain bytes.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../test/support/api.js";
import { defaultConsoleDir } from "./console.js";

describe("compression", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi("sqlite");
    await seedFacts(api, 30);
  });
  afterAll(async () => {
    await api.server.close();
    await api.ctx.store.close();
  });

  const script = () => {
    const name = readdirSync(join(defaultConsoleDir(), "assets")).find((f) => /\.js$/.test(f));
    if (!name) throw new Error("console not built: run npm run build");
    return `/assets/${name}`;
  };

  it("serves a built asset as brotli, as gzip, or plain, as the client accepts", async () => {
    const url = script();
    const plain = await api.server.inject({ url });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const br = await api.server.inject({ url, headers: { "accept-encoding": "br, gzip" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(plain.rawPayload)).toBe(true);
    const gz = await api.server.inject({ url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it("compresses a large API answer and leaves a small one alone", async () => {
    const url = `/api/v1/campaigns/${CAMPAIGN}/merchants/m1/catalogue`;
    const headers = {
      authorization: `Bearer ${api.tokens.operator}`,
      "accept-encoding": "br",
    };
    const big = await api.server.inject({ url, headers });
    expect(big.statusCode).toBe(200);
    expect(big.headers["content-encoding"]).toBe("br");
    const body = JSON.parse(brotliDecompressSync(big.rawPayload).toString("utf8"));
    expect(body.items).toHaveLength(30);
    const small = await api.server.inject({ url: "/healthz", headers });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });
});
