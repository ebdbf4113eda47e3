import { afterAll, describe, expect, it } from "vitest";
import { postgresUrl, schemaLocked } from "../../test/support/stores.js";
import { openTarget } from "./open.js";

const pgIt = postgresUrl ? it : it.skip;

describe("opening a PostgreSQL store", () => {
  const schema = `t_open_${process.pid}_${Date.now().toString(36)}`;
  afterAll(async () => {
    if (postgresUrl) {
      await schemaLocked(postgresUrl, (admin) =>
        admin.query(`drop schema if exists ${schema} cascade`),
      );
    }
  });

  pgIt("lets processes that start together create and migrate one new schema in turn", async () => {
    // Without the migration lock two `create schema if not exists` can collide, and two
    // migrators can both try to create the same tables.
    const opened = await Promise.all(
      Array.from({ length: 4 }, () =>
        openTarget({ kind: "postgres", connectionString: postgresUrl!, schema }),
      ),
    );
    try {
      const tables = await opened[0]!.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toContain("ff_events");
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  });
});
