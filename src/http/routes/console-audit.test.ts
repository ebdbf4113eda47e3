/** The audit log as the console browses it: newest first, filters, search, days, paging. */
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";

const url = `/api/v1/campaigns/${CAMPAIGN}/audit/browse`;

describeStores("audit browse", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-10T10:00:00+08:00")!);
    await seedFacts(api, 3);
    const res = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p0" }, { productId: "m1-p1" }],
    });
    const [a, b] = res.json().results.map((r: { registrationId: string }) => r.registrationId);
    api.clock.set(parseInstant("2024-02-11T10:00:00+08:00")!);
    await api.call("operator", "POST", `/api/v1/registrations/${a}/review`, {
      decision: "approve",
    });
    await api.call("operator", "POST", `/api/v1/registrations/${b}/review`, {
      decision: "reject",
      reason: "主图不清晰",
    });
  });

  const browse = async (query = "") => {
    const res = await api.call("operator", "GET", `${url}${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const actions = (page: { items: { action: string }[] }) => page.items.map((e) => e.action);

  it("lists the newest first with the number of entries", async () => {
    const page = await browse();
    expect(actions(page).slice(0, 2)).toEqual(["review.reject", "review.approve"]);
    expect(page.total).toBe(page.items.length);
    const seqs = page.items.map((e: { seq: number }) => e.seq);
    expect([...seqs].sort((x, y) => y - x)).toEqual(seqs);
  });

  it("filters by action, actor, subject and days, and searches reasons", async () => {
    expect(actions(await browse("?action=review.reject"))).toEqual(["review.reject"]);
    expect(actions(await browse("?actor=operator"))).toEqual(["review.reject", "review.approve"]);
    expect((await browse("?subject=m1-p1")).items.map((e: { action: string }) => e.action)).toEqual(
      ["review.reject", "register"],
    );
    expect(actions(await browse("?from=2024-02-11&to=2024-02-11"))).toEqual([
      "review.reject",
      "review.approve",
    ]);
    expect(
      (await browse("?to=2024-02-10")).items.every((e: { action: string }) =>
        e.action.startsWith("register"),
      ),
    ).toBe(true);
    expect(actions(await browse("?q=主图"))).toEqual(["review.reject"]);
    const bad = await api.call("operator", "GET", `${url}?from=yesterday`);
    expect(bad.statusCode).toBe(400);
  });

  it("pages by cursor, newest to oldest", async () => {
    const all = await browse();
    const first = await browse("?limit=2");
    const second = await browse(`?limit=2&cursor=${first.nextCursor}`);
    expect([...first.items, ...second.items].map((e: { seq: number }) => e.seq)).toEqual(
      all.items.slice(0, 4).map((e: { seq: number }) => e.seq),
    );
    expect(second.total).toBeUndefined();
  });

  it("refuses a day that does not exist with a 400 naming it (was a 500 on PostgreSQL)", async () => {
    for (const query of ["?from=2024-02-30", "?to=2024-13-01", "?from=4250-92-94&to=2024-02-10"]) {
      const res = await api.call("operator", "GET", `${url}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.issues[0]).toMatchObject({
        in: "querystring",
        path: query.slice(1, 3) === "fr" ? "from" : "to",
      });
    }
    expect((await browse("?from=2024-02-29&to=2024-02-29")).items).toEqual([]);
  });
});
