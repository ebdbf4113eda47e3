import { describe, expect, it } from "vitest";
import { describeStores, freshStore } from "../../test/support/stores.js";
import { authenticate, createToken, knownActor, revokeToken } from "./tokens.js";

describeStores("tokens", (kind) => {
  describe("revoking", () => {
    it("stops the token at once in this process, even while it is cached", async () => {
      const store = await freshStore(kind);
      const made = await createToken(store.db, { role: "channel" }, 1_000);
      if (!made.ok) throw new Error(made.failure.message);
      const { id, secret } = made.value;
      // Known without the database only once the database has vouched for it.
      expect(knownActor(secret)).toBeUndefined();
      expect(await authenticate(store.db, secret)).toMatchObject({ role: "channel", id });
      expect(knownActor(secret)).toMatchObject({ role: "channel", id });
      expect(knownActor(`${secret}x`)).toBeUndefined();

      const r = await revokeToken(store.db, id, 2_000);
      expect(knownActor(secret)).toBeUndefined();
      expect(r).toMatchObject({ ok: true, value: { id, revokedAt: 2_000 } });
      expect(await authenticate(store.db, secret)).toBeUndefined();
      expect(await revokeToken(store.db, id, 3_000)).toMatchObject({
        ok: false,
        failure: { kind: "conflict", code: "already_revoked" },
      });
      expect(await revokeToken(store.db, "tok_missing", 3_000)).toMatchObject({
        ok: false,
        failure: { kind: "not_found", code: "unknown_token" },
      });
    });
  });
});
