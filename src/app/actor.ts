/** Who is acting: a token's role and identity, recorded on every audit entry. */
export type Role = "merchant" | "operator" | "platform" | "channel";

export const ROLES: readonly Role[] = ["merchant", "operator", "platform", "channel"];

export interface Actor {
  role: Role;
  /** The token id (never the secret), or a fixed name for system actors (`demo`, `file`). */
  id: string;
  /** Set for the merchant role: the one merchant this actor may act for. */
  merchantId: string | null;
}
