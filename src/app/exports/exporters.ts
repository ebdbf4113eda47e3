/**
 * Every CSV export, in the order the console lists them. Adding one is a few lines: a keyset
 * page query (`store/repos/downstream/export-pages.ts`) and its columns; an export of a table
 * that only some builds have says so with `available` (it is then left out of the list and its
 * URL answers 404).
 */

import { CLAIM_LINE_TYPES, depositEffectFen } from "../../domain/ledger/ledger.js";
import {
  appealsExportPage,
  auditExportPage,
  decisionsExportPage,
  ordersExportPage,
  registrationsExportPage,
  violationsExportPage,
} from "../../store/repos/downstream/export-pages.js";
import { decisionId } from "../decision-id.js";
import { type AnyExporter, defineExporter, when } from "./exporter.js";

const json = (text: string | null): Record<string, unknown> => {
  if (text === null) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};
const text = (v: unknown) => (typeof v === "string" ? v : null);
const idList = (jsonArray: string | null) =>
  jsonArray === null ? null : (JSON.parse(jsonArray) as string[]).join(" ");

export const ordersExport = defineExporter({
  name: "orders",
  label: { zh: "订单", en: "Orders" },
  page: ordersExportPage,
  keyOf: (r) => [Number(r.paid_at), r.order_id] as const,
  productOf: (r) => r.product_id,
  columns: [
    { key: "order_id", zh: "订单号", value: (r) => r.order_id },
    { key: "merchant_id", zh: "商家", value: (r) => r.merchant_id },
    { key: "product_id", zh: "商品", value: (r) => r.product_id },
    { key: "product_title", zh: "商品标题", value: (r, c) => c.title(r.product_id) },
    { key: "amount_fen", zh: "订单金额(分)", value: (r) => Number(r.amount_fen) },
    { key: "buyer_id", zh: "买家", value: (r) => r.buyer_id },
    { key: "buyer_risk", zh: "买家风险", value: (r) => r.buyer_risk },
    { key: "paid_at", zh: "付款时间", value: (r, c) => c.iso(Number(r.paid_at)) },
    { key: "campaign_order", zh: "活动订单", value: (r) => Number(r.campaign_order) === 1 },
    { key: "ship_due_at", zh: "发货截止", value: (r, c) => when(c, r.ship_due_at) },
    { key: "shipped_at", zh: "发货时间", value: (r, c) => when(c, r.shipped_at) },
    { key: "tracking_no", zh: "运单号", value: (r) => r.tracking_no },
    { key: "carrier", zh: "快递公司", value: (r) => r.carrier },
    { key: "picked_up_at", zh: "揽收时间", value: (r, c) => when(c, r.picked_up_at) },
    { key: "delivered_at", zh: "签收时间", value: (r, c) => when(c, r.delivered_at) },
    { key: "refunded_at", zh: "退款时间", value: (r, c) => when(c, r.refunded_at) },
    { key: "refund_ids", zh: "退款单号", value: (r) => idList(r.refund_ids) },
    { key: "violation", zh: "生效违规", value: (r) => r.violations },
    { key: "violation_at", zh: "违规时间", value: (r, c) => when(c, r.violation_at) },
    { key: "revoked", zh: "已撤销违规", value: (r) => r.revoked },
    { key: "claim_status", zh: "赔付状态", value: (r) => text(json(r.claim).status) },
    {
      key: "claim_amount_fen",
      zh: "赔付金额(分)",
      value: (r) => {
        const amount = json(r.claim).amountFen;
        return typeof amount === "number" ? amount : null;
      },
    },
  ],
});

export const violationsExport = defineExporter({
  name: "violations",
  label: { zh: "违规", en: "Violations" },
  page: (db, scope, after: number | undefined, limit) =>
    violationsExportPage(db, scope, after ?? 0, limit),
  keyOf: (r) => Number(r.seq),
  productOf: (r) => r.product_id,
  columns: [
    { key: "decision_id", zh: "决定编号", value: (r, c) => decisionId(c.campaignId, r.effect_key) },
    { key: "seq", zh: "序号", value: (r) => Number(r.seq) },
    { key: "recorded_at", zh: "记录时间", value: (r, c) => c.iso(Number(r.at)) },
    { key: "order_id", zh: "订单号", value: (r) => r.order_id },
    { key: "merchant_id", zh: "商家", value: (r) => r.merchant_id },
    { key: "product_id", zh: "商品", value: (r) => r.product_id },
    {
      key: "product_title",
      zh: "商品标题",
      value: (r, c) => r.product_id && c.title(r.product_id),
    },
    { key: "kind", zh: "违规类型", value: (r) => r.kind },
    {
      key: "status",
      zh: "状态",
      value: (r) => (r.revoked_at === null ? "in_force" : "revoked"),
    },
    { key: "revoked_at", zh: "撤销时间", value: (r, c) => when(c, r.revoked_at) },
    { key: "revoke_reason", zh: "撤销原因", value: (r) => text(json(r.revoked_body).reason) },
  ],
});

/** Every claim decision; `deposit_effect_fen` is what it does to the merchant's deposit. */
export const claimsExport = defineExporter({
  name: "claims",
  label: { zh: "赔付", en: "Claims" },
  page: (db, scope, after: number | undefined, limit) =>
    decisionsExportPage(db, scope, CLAIM_LINE_TYPES, after ?? 0, limit),
  keyOf: (r) => Number(r.seq),
  columns: [
    { key: "decision_id", zh: "决定编号", value: (r, c) => decisionId(c.campaignId, r.effect_key) },
    { key: "seq", zh: "序号", value: (r) => Number(r.seq) },
    { key: "at", zh: "时间", value: (r, c) => c.iso(Number(r.at)) },
    { key: "type", zh: "类型", value: (r) => r.type },
    { key: "order_id", zh: "订单号", value: (r) => r.order_id },
    { key: "merchant_id", zh: "商家", value: (r) => r.merchant_id },
    { key: "buyer_id", zh: "买家", value: (r) => text(json(r.body).buyerId) },
    { key: "kind", zh: "违规类型", value: (r) => r.kind },
    {
      key: "amount_fen",
      zh: "金额(分)",
      value: (r) => (r.amount_fen === null ? null : Number(r.amount_fen)),
    },
    {
      key: "deposit_effect_fen",
      zh: "保证金变动(分)",
      value: (r) => depositEffectFen(r.type, r.amount_fen === null ? null : Number(r.amount_fen)),
    },
    { key: "reason", zh: "原因", value: (r) => text(json(r.body).reason) },
    { key: "note", zh: "备注", value: (r) => text(json(r.body).note) },
    { key: "resolved_by", zh: "处理人", value: (r) => text(json(r.body).resolvedBy) },
  ],
});

export const registrationsExport = defineExporter({
  name: "registrations",
  label: { zh: "报名", en: "Registrations" },
  page: registrationsExportPage,
  keyOf: (r) => r.id,
  productOf: (r) => r.product_id,
  columns: [
    { key: "registration_id", zh: "报名编号", value: (r) => r.id },
    { key: "merchant_id", zh: "商家", value: (r) => r.merchant_id },
    { key: "product_id", zh: "商品", value: (r) => r.product_id },
    { key: "product_title", zh: "商品标题", value: (r, c) => c.title(r.product_id) },
    { key: "category", zh: "类目", value: (r) => r.category },
    { key: "state", zh: "状态", value: (r) => r.state },
    { key: "registered_at", zh: "报名时间", value: (r, c) => c.iso(Number(r.registered_at)) },
    { key: "review_due_at", zh: "审核截止", value: (r, c) => when(c, r.review_due_at) },
    { key: "reviewed_at", zh: "审核时间", value: (r, c) => when(c, r.reviewed_at) },
    { key: "reviewed_by", zh: "审核人", value: (r) => r.reviewed_by },
    { key: "review_reason", zh: "审核意见", value: (r) => r.review_reason },
    {
      key: "failed_rules",
      zh: "未通过规则",
      value: (r) => {
        const f = json(r.failures) as {
          merchant?: { rule: string }[];
          product?: { rule: string }[];
        };
        return [...(f.merchant ?? []), ...(f.product ?? [])].map((x) => x.rule).join(" ") || null;
      },
    },
    { key: "replaces_product_id", zh: "替换商品", value: (r) => r.replaces_product_id },
    { key: "attempts", zh: "报名次数", value: (r) => Number(r.attempts) },
    { key: "campaign_hash", zh: "活动版本", value: (r) => r.campaign_hash },
  ],
});

export const auditExport = defineExporter({
  name: "audit",
  label: { zh: "审计日志", en: "Audit log" },
  page: (db, scope, after: number | undefined, limit) =>
    auditExportPage(db, scope, after ?? 0, limit),
  keyOf: (r) => Number(r.seq),
  columns: [
    { key: "seq", zh: "序号", value: (r) => Number(r.seq) },
    { key: "at", zh: "时间", value: (r, c) => c.iso(Number(r.at)) },
    { key: "actor_role", zh: "角色", value: (r) => r.actor_role },
    { key: "actor_id", zh: "操作人", value: (r) => r.actor_id },
    { key: "action", zh: "操作", value: (r) => r.action },
    { key: "subject_type", zh: "对象类型", value: (r) => r.subject_type },
    { key: "subject_id", zh: "对象", value: (r) => r.subject_id },
    { key: "from_state", zh: "原状态", value: (r) => r.from_state },
    { key: "to_state", zh: "新状态", value: (r) => r.to_state },
    { key: "reason", zh: "原因", value: (r) => r.reason },
    { key: "detail", zh: "详情", value: (r) => r.detail },
  ],
});

export const appealsExport = defineExporter({
  name: "appeals",
  label: { zh: "申诉", en: "Appeals" },
  page: appealsExportPage,
  keyOf: (r) => [Number(r.due_at), r.id] as const,
  productOf: (r) => r.product_id,
  columns: [
    { key: "appeal_id", zh: "申诉编号", value: (r) => r.id },
    { key: "merchant_id", zh: "商家", value: (r) => r.merchant_id },
    { key: "order_id", zh: "订单号", value: (r) => r.order_id },
    { key: "product_id", zh: "商品", value: (r) => r.product_id },
    { key: "product_title", zh: "商品标题", value: (r, c) => c.title(r.product_id) },
    { key: "kind", zh: "违规类型", value: (r) => r.kind },
    { key: "violation_at", zh: "违规时间", value: (r, c) => c.iso(Number(r.violation_at)) },
    { key: "reason", zh: "申诉理由", value: (r) => r.reason },
    {
      key: "evidence",
      zh: "证据",
      value: (r, c) => {
        if (r.evidence === null) return null;
        // As the API shows it: the pickup as an instant in the campaign's zone.
        const e = json(r.evidence);
        if (typeof e.pickedUpAt === "number") e.pickedUpAt = c.iso(e.pickedUpAt);
        return JSON.stringify(e);
      },
    },
    { key: "status", zh: "状态", value: (r) => r.status },
    { key: "filed_at", zh: "申诉时间", value: (r, c) => c.iso(Number(r.filed_at)) },
    { key: "filed_by", zh: "申诉人", value: (r) => r.filed_by },
    { key: "due_at", zh: "处理时限", value: (r, c) => c.iso(Number(r.due_at)) },
    { key: "decided_at", zh: "处理时间", value: (r, c) => when(c, r.decided_at) },
    { key: "decided_by", zh: "处理人", value: (r) => r.decided_by },
    { key: "decision_note", zh: "处理说明", value: (r) => r.decision_note },
  ],
});

export const EXPORTERS: readonly AnyExporter[] = [
  ordersExport,
  violationsExport,
  claimsExport,
  registrationsExport,
  appealsExport,
  auditExport,
];

export const EXPORT_NAMES = EXPORTERS.map((e) => e.name);

export function exporterNamed(name: string): AnyExporter | undefined {
  return EXPORTERS.find((e) => e.name === name);
}
