/** The venue route: its answer's shape, entity tags and 304s, and changes from anywhere. */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../../test/support/api.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores, sameDatabase } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";
import { delistProduct, setListingWeight } from "../../store/repos/listings.js";
import { VenuePage } from "../schemas/venue.js";

const url = `/api/v1/campaigns/${CAMPAIGN}/venue`;

describeStores("the venue route", (kind) => {
  let api: TestApi;
  const get = (query = "", ifNoneMatch?: string, acceptEncoding?: string) =>
    api.server.inject({
      method: "GET",
      url: `${url}${query}`,
      headers: {
        authorization: `Bearer ${api.tokens.channel}`,
        ...(ifNoneMatch === undefined ? {} : { "if-none-match": ifNoneMatch }),
        ...(acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding }),
      },
    });
  const decoded = (res: Awaited<ReturnType<typeof get>>) => {
    const coding = res.headers["content-encoding"];
    const raw = res.rawPayload;
    const text =
      coding === "gzip"
        ? gunzipSync(raw)
        : coding === "br"
          ? brotliDecompressSync(raw)
          : coding === undefined
            ? raw
            : undefined;
    if (text === undefined) throw new Error(`unexpected content-encoding ${coding}`);
    return JSON.parse(text.toString("utf8"));
  };

  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-10T10:00:00+08:00")!);
    await seedFacts(api, 2);
    const r = await api.call("channel", "POST", "/api/v1/events", [
      listed("m1-p0", "m1"),
      listed("m1-p1", "m1"),
      listed("m2-p0", "m2"),
    ]);
    expect(r.json().errors).toEqual([]);
  });

  it("answers the schema's shape with a weak ETag, and 304 to If-None-Match naming it", async () => {
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = VenuePage.parse(res.json());
    expect(body).toMatchObject({
      campaignId: CAMPAIGN,
      now: "2024-02-10T10:00:00+08:00",
      running: true,
      nextCursor: null,
    });
    expect(body.items.map((i) => i.productId)).toEqual(["m1-p0", "m1-p1", "m2-p0"]);
    expect(body.items[0]).toMatchObject({
      merchantId: "m1",
      registrationId: "channel:list-m1-p0",
      weight: 1,
      registeredAt: "2024-02-09T08:00:00+08:00",
      listedAt: "2024-02-09T08:00:00+08:00",
      title: expect.any(String),
      priceFen: 2990,
    });
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(res.headers["cache-control"]).toBe("no-cache");

    for (const header of [etag, etag.slice(2), `"nope", ${etag}`, "*"]) {
      const again = await get("", header);
      expect(again.statusCode, header).toBe(304);
      expect(again.body).toBe("");
      expect(again.headers.etag).toBe(etag);
    }
    expect((await get("", 'W/"nope"')).statusCode).toBe(200);
    // The clock moved: only `now` differs, and the tag stays.
    api.clock.advance(60_000);
    const later = await get();
    expect(later.json().now).toBe("2024-02-10T10:01:00+08:00");
    expect(later.headers.etag).toBe(etag);
  });

  it("answers in gzip when Accept-Encoding takes it, the same page and tag", async () => {
    const plain = await get();
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const cases: Array<[string, string | undefined]> = [
      ["gzip, deflate, br", "gzip"],
      ["gzip", "gzip"],
      ["GZIP", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
      ["*", "gzip"],
      ["br", undefined],
      ["br;q=0, gzip;q=0", undefined],
      ["deflate", undefined],
      ["identity", undefined],
    ];
    for (const [accept, coding] of cases) {
      const res = await get("", undefined, accept);
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers["content-encoding"], accept).toBe(coding);
      expect(res.headers["content-type"], accept).toBe("application/json; charset=utf-8");
      expect(res.headers.etag, accept).toBe(plain.headers.etag);
      expect(res.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(Number(res.headers["content-length"]), accept).toBe(res.rawPayload.length);
      expect(decoded(res), accept).toEqual(plain.json());
    }
    expect((await get("", plain.headers.etag as string, "gzip")).statusCode).toBe(304);
    // Each answer's own instant, to the millisecond, in the gzipped body too.
    api.clock.advance(1);
    expect(decoded(await get("", undefined, "gzip")).now).toBe("2024-02-10T10:00:00.001+08:00");
    api.clock.advance(999);
    expect(decoded(await get("", undefined, "gzip"))).toEqual({
      ...plain.json(),
      now: "2024-02-10T10:00:01+08:00",
    });
    // A closed venue is compressed the same way.
    api.clock.set(parseInstant("2024-03-30T00:00:00+08:00")!);
    const closed = decoded(await get("", undefined, "gzip"));
    expect(closed).toMatchObject({ running: false, items: [], now: "2024-03-30T00:00:00+08:00" });
  });

  it("gives each page its own tag, and pages through by cursor", async () => {
    const first = await get("?limit=2");
    expect(first.json().items.map((i: { productId: string }) => i.productId)).toEqual([
      "m1-p0",
      "m1-p1",
    ]);
    const cursor = first.json().nextCursor as string;
    const second = await get(`?limit=2&cursor=${cursor}`);
    expect(second.json()).toMatchObject({ items: [{ productId: "m2-p0" }], nextCursor: null });
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect((await get("?limit=2&cursor=bm9wZQ")).statusCode).toBe(400);
  });

  it("changes the tag when another process changes the venue, and on the next read", async () => {
    const other = await sameDatabase(api.ctx.store);
    const before = await get();
    const etag = before.headers.etag as string;
    await setListingWeight(other.db, CAMPAIGN, "m1-p0", 0.5, 0);
    const after = await get("", etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().items.map((i: { productId: string }) => i.productId)).toEqual([
      "m1-p1",
      "m2-p0",
      "m1-p0",
    ]);
    // A change to another page's product leaves this page's tag alone.
    const page1 = await get("?limit=1");
    await delistProduct(other.db, CAMPAIGN, "m1-p0", "violations", 0);
    expect((await get("?limit=1", page1.headers.etag as string)).statusCode).toBe(304);
    expect((await get("", after.headers.etag as string)).statusCode).toBe(200);
  });

  it("shows the engine's weight change (a late shipment) on the next read", async () => {
    const before = await get();
    // Reported once the server's clock has passed the order's 24 h deadline (and the lateness).
    api.clock.set(parseInstant("2024-02-11T10:00:00+08:00")!);
    const r = await api.call("channel", "POST", "/api/v1/events", [
      paid("o1", "2024-02-10T09:00:00+08:00", "m1", "m1-p0"),
    ]);
    expect(r.json().decisions.map((d: { type: string }) => d.type)).toContain(
      "listing.weight_changed",
    );
    const after = await get("", before.headers.etag as string);
    expect(after.statusCode).toBe(200);
    expect(after.json().items.at(-1)).toMatchObject({ productId: "m1-p0", weight: 0.5 });
  });

  it("answers the same empty page, with its own tag, outside the activity window", async () => {
    const open = await get();
    api.clock.set(parseInstant("2024-03-30T00:00:00+08:00")!);
    const closed = await get();
    expect(closed.json()).toMatchObject({ running: false, items: [], nextCursor: null });
    expect(closed.headers.etag).not.toBe(open.headers.etag);
    expect((await get("", closed.headers.etag as string)).statusCode).toBe(304);
  });
});
