/**
 * The words of the inbox, ledger, exports and order pages, Chinese first. Kept beside those pages
 * rather than in the main dictionaries, so the console's own files barely change; `words.test.ts`
 * checks both languages have every key and the same placeholders.
 */
import { type Lang, useI18n, type Vars } from "../../i18n/index.js";

const zh = {
  "inbox.title": "消息通知",
  "inbox.intro": "审核结果、违规、赔付、降权与清退、需拦截的包裹等处理结果都会通知您。",
  "inbox.markAll": "全部标为已读",
  "inbox.unread": "{n} 条未读",
  "inbox.none": "暂无通知",
  "inbox.more": "加载更多",
  "inbox.open": "查看",
  "inbox.new": "未读",
  "inbox.operatorNote": "运营人员查看商家的通知不会将其标为已读。",
  "inbox.badge": "{n} 条未读通知",
  "ledger.title": "保证金与赔付",
  "ledger.staffTitle": "商家保证金与赔付",
  "ledger.intro":
    "每笔赔付都从保证金中扣除，撤销的违规其赔付退回。每一行都可追溯到对应的处理结果。",
  "ledger.deposit": "保证金",
  "ledger.paid": "已赔付（{n} 笔）",
  "ledger.reversed": "已退回（{n} 笔）",
  "ledger.balance": "保证金余额",
  "ledger.waiting": "待人工复核",
  "ledger.declined": "不予赔付 {n} 笔",
  "ledger.unknown": "未知",
  "ledger.lines": "明细",
  "ledger.none": "暂无赔付记录",
  "ledger.at": "时间",
  "ledger.type": "类型",
  "ledger.order": "订单",
  "ledger.effect": "保证金变动",
  "ledger.after": "余额",
  "ledger.decision": "处理结果编号",
  "ledger.type.claim.paid": "赔付",
  "ledger.type.claim.held": "转人工复核",
  "ledger.type.claim.declined": "不予赔付",
  "ledger.type.claim.reversed": "退回",
  "ledger.type.claim.withdrawn": "撤回",
  "finance.title": "财务对账",
  "finance.intro": "各商家的赔付、退回与保证金余额，以及整个活动的数据导出。",
  "finance.merchant": "商家",
  "finance.none": "本活动暂无赔付",
  "finance.total": "合计",
  "finance.paid": "已赔付",
  "finance.reversed": "已退回",
  "exports.title": "数据导出（CSV）",
  "exports.intro": "UTF-8 带 BOM，Excel 可直接打开中文；数据量大时也可完整导出。",
  "exports.mine": "导出我的数据（CSV）",
  "exports.zhHeaders": "中文表头",
  "order.title": "订单 {id}",
  "order.facts": "订单信息",
  "order.timeline": "处理记录",
  "order.noDecisions": "该订单暂无处理结果",
  "order.amount": "金额",
  "order.paidAt": "付款时间",
  "order.shipBy": "发货截止",
  "order.shippedAt": "发货时间",
  "order.pickedUpAt": "揽收时间",
  "order.deliveredAt": "签收时间",
  "order.tracking": "运单",
  "order.product": "商品",
  "order.back": "返回订单列表",
} as const;

export type WordKey = keyof typeof zh;

const en: Record<WordKey, string> = {
  "inbox.title": "Notifications",
  "inbox.intro":
    "Review outcomes, violations, claims, traffic cuts and delistings, parcels to intercept: you are told of each.",
  "inbox.markAll": "Mark all read",
  "inbox.unread": "{n} unread",
  "inbox.none": "No notifications yet",
  "inbox.more": "Load more",
  "inbox.open": "Open",
  "inbox.new": "Unread",
  "inbox.operatorNote": "An operator reading a merchant's notifications does not mark them read.",
  "inbox.badge": "{n} unread notifications",
  "ledger.title": "Deposit and claims",
  "ledger.staffTitle": "Merchant's deposit and claims",
  "ledger.intro":
    "Each claim paid is taken from the deposit; a revoked violation's claim is given back. Every line traces to its decision.",
  "ledger.deposit": "Deposit",
  "ledger.paid": "Paid ({n})",
  "ledger.reversed": "Given back ({n})",
  "ledger.balance": "Deposit balance",
  "ledger.waiting": "Held for review",
  "ledger.declined": "{n} declined",
  "ledger.unknown": "unknown",
  "ledger.lines": "Lines",
  "ledger.none": "No claims yet",
  "ledger.at": "Time",
  "ledger.type": "Type",
  "ledger.order": "Order",
  "ledger.effect": "Deposit change",
  "ledger.after": "Balance",
  "ledger.decision": "Decision id",
  "ledger.type.claim.paid": "Paid",
  "ledger.type.claim.held": "Held for review",
  "ledger.type.claim.declined": "Declined",
  "ledger.type.claim.reversed": "Given back",
  "ledger.type.claim.withdrawn": "Withdrawn",
  "finance.title": "Finance",
  "finance.intro":
    "Claims paid and given back and the deposit balance per merchant; the campaign's exports.",
  "finance.merchant": "Merchant",
  "finance.none": "No claims in this campaign yet",
  "finance.total": "Total",
  "finance.paid": "Paid",
  "finance.reversed": "Given back",
  "exports.title": "Exports (CSV)",
  "exports.intro": "UTF-8 with a BOM, so Excel shows Chinese; exports of any size are complete.",
  "exports.mine": "Export my data (CSV)",
  "exports.zhHeaders": "Chinese headers",
  "order.title": "Order {id}",
  "order.facts": "Order",
  "order.timeline": "Decisions",
  "order.noDecisions": "No decisions about this order yet",
  "order.amount": "Amount",
  "order.paidAt": "Paid",
  "order.shipBy": "Ship by",
  "order.shippedAt": "Shipped",
  "order.pickedUpAt": "Picked up",
  "order.deliveredAt": "Delivered",
  "order.tracking": "Tracking",
  "order.product": "Product",
  "order.back": "Back to orders",
};

export const downstreamWords: Record<Lang, Record<WordKey, string>> = { "zh-CN": zh, en };

export function useWords(): (key: WordKey, vars?: Vars) => string {
  const { lang } = useI18n();
  return (key, vars) => {
    const template = downstreamWords[lang][key] ?? zh[key];
    return vars
      ? template.replace(/\{(\w+)\}/g, (whole, name: string) =>
          name in vars ? String(vars[name]) : whole,
        )
      : template;
  };
}
