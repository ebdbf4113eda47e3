/**
 * The body parser refuses what JSON.parse would let through: bytes that are not UTF-8, and a key
 * given twice in one object, each a 400 saying where; on every route, the events batch included.
 */
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../test/support/api.js";
import { describeStores } from "../../test/support/stores.js";
import { validMerchant } from "../domain/eligibility/fixtures.js";

describeStores("JSON bodies", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
  });

  const send = (token: "platform" | "channel" | "operator" | null, url: string, body: Buffer) =>
    api.server.inject({
      method: url.includes("facts") ? "PUT" : "POST",
      url,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${api.tokens[token]}` } : {}),
      },
      payload: body,
    });

  it("refuses bytes that are not UTF-8, naming the first bad one; stores nothing", async () => {
    const text = JSON.stringify({ merchants: [{ ...validMerchant("m-bad"), name: "佳禾XX" }] });
    const at = Buffer.byteLength(text.slice(0, text.indexOf("XX")));
    const bytes = Buffer.from(text);
    bytes[at] = 0xff; // a byte no UTF-8 text holds
    const res = await send("platform", "/api/v1/facts/merchants", bytes);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: "invalid_utf8",
        message: expect.stringContaining(`byte ${at} (line 1, column ${at + 1}), 0xFF`),
      },
    });
    expect((await api.call("platform", "GET", "/api/v1/merchants/m-bad")).statusCode).toBe(404);

    // A replacement character the client really sent is UTF-8 like any other.
    const real = JSON.stringify({ merchants: [{ ...validMerchant("m-ok"), name: "佳禾\uFFFD" }] });
    expect((await send("platform", "/api/v1/facts/merchants", Buffer.from(real))).statusCode).toBe(
      200,
    );
    const stored = await api.call("platform", "GET", "/api/v1/merchants/m-ok");
    expect(stored.json().facts.name).toBe("佳禾\uFFFD");
  });

  it("refuses a key given twice in one object, naming its path; stores nothing", async () => {
    const res = await send(
      "platform",
      "/api/v1/facts/merchants",
      Buffer.from(
        '{"merchants":[{"id":"m-ok"},{"id":"m-twice","depositFen":-5,"depositFen":100}]}',
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: "invalid_request",
        message: "the request's body has 1 problem: see issues",
        issues: [
          {
            in: "body",
            path: "merchants[1].depositFen",
            code: "duplicate_key",
            message: expect.stringContaining('"depositFen" is given twice'),
          },
        ],
      },
    });
    expect((await api.call("platform", "GET", "/api/v1/merchants/m-twice")).statusCode).toBe(404);
  });

  it("applies to the events batch and to signing in", async () => {
    const events = Buffer.from(
      `[{"type":"clock","at":"2024-02-10T10:00:00+08:00"},{"type":"refund.requested","at":"2024-02-10T10:00:00+08:00","orderId":"o1","refundId":"r1","kind":"refund_only","amountFen":-5,"amountFen":100}]`,
    );
    const batch = await send("channel", "/api/v1/events", events);
    expect(batch.statusCode).toBe(400);
    expect(batch.json().error.issues).toEqual([
      expect.objectContaining({ in: "body", path: "[1].amountFen", code: "duplicate_key" }),
    ]);
    const signIn = await send(
      null,
      "/api/v1/session",
      Buffer.from('{"username":"nobody","username":"admin","password":"x"}'),
    );
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error.issues[0]).toMatchObject({ path: "username" });
    const notUtf8 = await send("channel", "/api/v1/events", Buffer.from([0x5b, 0xc3, 0x28, 0x5d]));
    expect(notUtf8.statusCode).toBe(400);
    expect(notUtf8.json().error.code).toBe("invalid_utf8");
  });

  it("says a text that is not JSON is not JSON, before any duplicate", async () => {
    const res = await send(
      "operator",
      `/api/v1/campaigns/${CAMPAIGN}/reviews`,
      Buffer.from('{"a":1,"a":2'),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_json");
  });
});
