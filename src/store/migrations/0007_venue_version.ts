/**
 * What the venue's readers need to keep a campaign's ranking in memory and stay correct beside
 * other processes writing the same database (`src/app/venue/rankings.ts`):
 *
 * - `venue_versions`: one counter row per campaign with listings, bumped by every transaction
 *   that changes what the campaign's venue shows (a listing added, weighted, delisted; a merchant
 *   leaving; a listed product's facts). A reader compares it with the version it holds: one key
 *   read.
 * - `listings.venue_version`: the counter's value of the last change to that listing, so a
 *   reader one or more versions behind reads only the rows changed since (`listings_venue_changes`)
 *   and patches its ranking instead of reloading the campaign. Existing rows start at 0 (a
 *   reader's first load reads the whole venue anyway).
 * - `listings_by_merchant`: a merchant's exit (or any change to a merchant's standing) stamps
 *   all of its listings in the campaign, found through this index rather than by scanning it.
 */
import { type Kysely, sql } from "kysely";
import type { MigrationContext } from "./context.js";

export function migration0007(_context: MigrationContext) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("venue_versions")
        .addColumn("campaign_id", "text", (c) => c.primaryKey())
        .addColumn("version", "bigint", (c) => c.notNull())
        .execute();
      // Every campaign with listings has a counter from here on: `venue_versions` is also the
      // list of campaigns a product's new facts may show in (facts.ts).
      await sql`insert into venue_versions (campaign_id, version)
        select distinct campaign_id, 0 from listings`.execute(db);
      await db.schema
        .alterTable("listings")
        .addColumn("venue_version", "bigint", (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex("listings_venue_changes")
        .on("listings")
        .columns(["campaign_id", "venue_version"])
        .execute();
      await db.schema
        .createIndex("listings_by_merchant")
        .on("listings")
        .columns(["campaign_id", "merchant_id"])
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropIndex("listings_by_merchant").execute();
      await db.schema.dropIndex("listings_venue_changes").execute();
      await sql`alter table listings drop column venue_version`.execute(db);
      await db.schema.dropTable("venue_versions").execute();
    },
  };
}
