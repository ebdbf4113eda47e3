/**
 * The one migration set for both databases, applied at start. Append new migrations here with
 * the next number; never edit one that has shipped.
 */
import type { Migration, MigrationProvider } from "kysely";
import { migration0001 } from "./0001_core.js";
import { migration0002 } from "./0002_users.js";
import { migration0003 } from "./0003_fulfilment.js";
import { migration0004 } from "./0004_order_columns.js";
import { migration0005 } from "./0005_drop_event_order_index.js";
import { migration0006 } from "./0006_event_time.js";
import { migration0007 } from "./0007_venue_version.js";
import { migration0008 } from "./0008_merchant_locks.js";
import { migration0009 } from "./0009_console.js";
import { migration0010 } from "./0010_event_log_order.js";
import { migration0011 } from "./0011_inbox_and_webhooks.js";
import { migration0012 } from "./0012_appeals_and_suspensions.js";
import { migration0013 } from "./0013_merchant_history.js";
import { migration0014 } from "./0014_console_counts.js";
import type { MigrationContext } from "./context.js";

export function migrationProvider(context: MigrationContext): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        "0001_core": migration0001(context),
        "0002_users": migration0002(context),
        "0003_fulfilment": migration0003(context),
        "0004_order_columns": migration0004(context),
        "0005_drop_event_order_index": migration0005(context),
        "0006_event_time": migration0006(context),
        "0007_venue_version": migration0007(context),
        "0008_merchant_locks": migration0008(context),
        "0009_console": migration0009(context),
        "0010_event_log_order": migration0010(context),
        "0011_inbox_and_webhooks": migration0011(context),
        "0012_appeals_and_suspensions": migration0012(context),
        "0013_merchant_history": migration0013(context),
        "0014_console_counts": migration0014(context),
      };
    },
  };
}
