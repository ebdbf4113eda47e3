/**
 * A decision's stable id: its campaign and effect key (`claim:ORDER:KIND`, …), unique together
 * (`ff_decisions`'s unique key). Unlike `seq` it does not depend on the database it is stored
 * in, so webhook receivers dedupe on it and finance traces a ledger line or an export row to it.
 */
export function decisionId(campaignId: string, effectKey: string): string {
  return `${campaignId}:${effectKey}`;
}
