/**
 * Publishing: every publish (upload or rollback) is an audit entry with its comment; the history
 * lists them newest first; a diff names the changed lines; the impact names who changes.
 */
import { readFileSync } from "node:fs";
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";

const reference = readFileSync(
  new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url),
  "utf8",
);
const stricter = reference.replace("value: 0.85, format: percent", "value: 0.99, format: percent");
const C = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("publishing a campaign", (kind) => {
  let api: TestApi;
  let original: string;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api, 2);
    original = (await api.call("operator", "GET", C)).json().hash;
  });

  it("names the merchants and products an edit would change, with their rules", async () => {
    const res = await api.call("operator", "POST", `${C}/compare`, { source: stricter });
    const body = res.json();
    expect(body.changes.merchants).toEqual([
      expect.objectContaining({
        id: "m1",
        becomes: "ineligible",
        rules: ["merchant.pickup_rate_48h"],
      }),
      expect.objectContaining({ id: "m2", becomes: "ineligible" }),
    ]);
    expect(body.changes.products).toHaveLength(4);
    expect(body.changes.products[0]).toMatchObject({
      merchantId: "m1",
      becomes: "ineligible",
      rules: ["merchant.pickup_rate_48h"],
    });
  });

  it("answers a problem on the id line, not an impact, for a file of another campaign", async () => {
    const other = stricter.replace(/^id: .*$/m, "id: another-campaign");
    const res = await api.call("operator", "POST", `${C}/compare`, { source: other });
    expect(res.statusCode).toBe(200);
    const line = other.split("\n").findIndex((l) => l.startsWith("id:")) + 1;
    expect(res.json()).toEqual({
      ok: false,
      problems: [
        {
          source: "editor",
          line,
          path: "id",
          message: `the file is campaign "another-campaign", not "${CAMPAIGN}", the one being edited`,
          fix: `keep id: ${CAMPAIGN} to edit this campaign (a file with another id is another campaign)`,
        },
      ],
    });
  });

  it("audits every publish with its comment, lists the history, diffs, and rolls back", async () => {
    const up = await api.call("operator", "POST", "/api/v1/campaigns", {
      source: stricter,
      comment: "提高揽收率门槛",
    });
    expect(up.statusCode).toBe(201);
    const stricterHash = up.json().campaign.hash;
    const back = await api.call("operator", "POST", `${C}/rollback`, {
      hash: original,
      comment: "门槛过高，回滚",
    });
    expect(back.statusCode).toBe(200);
    expect((await api.call("operator", "GET", C)).json().hash).toBe(original);
    const again = await api.call("operator", "POST", `${C}/rollback`, { hash: original });
    expect(again.statusCode).toBe(409);

    const history = (await api.call("operator", "GET", `${C}/history`)).json().items;
    expect(history).toEqual([
      expect.objectContaining({
        from: stricterHash,
        to: original,
        comment: "门槛过高，回滚",
        rollback: true,
      }),
      expect.objectContaining({
        from: original,
        to: stricterHash,
        comment: "提高揽收率门槛",
        rollback: false,
      }),
    ]);
    const audit = (
      await api.call("operator", "GET", `${C}/audit/browse?action=campaign.publish`)
    ).json();
    expect(audit.total).toBe(2);

    const diff = (
      await api.call("operator", "GET", `${C}/diff?from=${original}&to=${stricterHash}`)
    ).json();
    const changed = diff.hunks.flatMap((h: { lines: { op: string; text: string }[] }) =>
      h.lines.filter((l) => l.op !== "same").map((l) => `${l.op} ${l.text.trim()}`),
    );
    expect(changed).toEqual([
      "del check: { fact: pickupRate48h, op: gte, value: 0.85, format: percent }",
      "add check: { fact: pickupRate48h, op: gte, value: 0.99, format: percent }",
    ]);
    const unknown = await api.call("operator", "GET", `${C}/diff?from=${original}&to=nope`);
    expect(unknown.statusCode).toBe(404);
  });
});
