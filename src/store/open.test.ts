import { sql } from "kysely";
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
      // This schema's tables only: introspecting every schema races other test files dropping
      // theirs.
      const { rows } = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = ${schema}`.execute(
        opened[0]!.db,
      );
      expect(rows.map((t) => t.table_name)).toContain("ff_events");
    } finally {
      await Promise.all(opened.map((s) => s.close()));
    }
  });
});
