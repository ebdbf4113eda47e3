/**
 * Upholding an appeal on the engine: the order's violation of that kind is waived, and settling
 * the order revokes it (`appeal_upheld`) with its claim and the standing that followed — one act
 * on the engine under the merchant's lock (`engine-act.ts`), in the decision's transaction.
 */
import { type ViolationKind, waiveViolation } from "../../domain/fulfilment/index.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { actOnEngine } from "../fulfilment/engine-act.js";

/** The decisions taken (JSON text, as the API shows them), in order. */
export async function upholdInEngine(
  trx: Db,
  loaded: LoadedCampaign,
  merchantId: string,
  orderId: string,
  kind: string,
  now: number,
): Promise<string[]> {
  const { campaign } = loaded;
  const { decisions } = await actOnEngine(
    trx,
    loaded,
    now,
    { merchantId, orderIds: [orderId] },
    (state, out) => waiveViolation(state, orderId, kind as ViolationKind, now, campaign, out),
  );
  return decisions;
}
