/** What a migration may know about where it runs: the one place dialects are allowed to differ. */
export type DialectName = "sqlite" | "postgres";

export interface MigrationContext {
  dialect: DialectName;
}
