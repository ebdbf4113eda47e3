/**
 * What a merchant's inbox says about each kind of notification, in Chinese and English: the one
 * place for its wording. A notification is a decision of the engine about the merchant (a row
 * of `ff_decisions`) or a review outcome. A decision type this file does not know (one added
 * later) still shows, with the fallback text naming its type and what it is about, so a new kind
 * of decision never goes unannounced; give it its own words here.
 */

export interface Bilingual {
  zh: string;
  en: string;
}

/** What a notification is about: the console links to it. */
export type Subject =
  | { type: "order"; id: string }
  | { type: "product"; id: string }
  | { type: "registration"; id: string }
  | { type: "merchant"; id: string };

/** A notification's facts, as stored: the decision's body, or a review's outcome. */
export interface NotificationFacts {
  type: string;
  merchantId: string;
  orderId?: string | null;
  productId?: string | null;
  registrationId?: string | null;
  /** The product's title, when its facts have one. */
  title?: string | null;
  /** The decision as the API shows it (fields vary by type), or the review's reason. */
  body: Record<string, unknown>;
  /** The campaign's rule titles by code: a suspension names the rules it fails by them. */
  ruleTitles?: ReadonlyMap<string, Bilingual>;
}

export interface Wording {
  title: Bilingual;
  /** A second line: what to do, or why. */
  detail: Bilingual | null;
  subject: Subject;
}

/** Decisions a merchant is not notified of: routine (instant refunds), or for operators. */
export const NOT_FOR_THE_INBOX: ReadonlySet<string> = new Set([
  "refund.approved",
  "refund.contradicted",
]);

/** Review outcomes are notifications of these types (not decisions of the engine). */
export const REVIEW_APPROVED = "review.approved";
export const REVIEW_REJECTED = "review.rejected";

/** Integer fen as yuan with two decimals: 1234 → "¥12.34". */
export function yuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

const VIOLATION_KIND: Record<string, Bilingual> = {
  late_shipment: { zh: "超时未发货", en: "late shipment" },
  false_shipment: { zh: "虚假发货（发货后未揽收）", en: "false shipment (shipped, never scanned)" },
};
const kindText = (kind: unknown): Bilingual =>
  VIOLATION_KIND[String(kind)] ?? { zh: String(kind ?? "违规"), en: String(kind ?? "violation") };

const EXIT_REASON: Record<string, Bilingual> = {
  violations: {
    zh: "违规次数达到退出门槛，您已退出本次活动，全部商品撤出会场。违规撤销后可恢复。",
    en: "Your violations reached the exit threshold: you have left the campaign and all your products left the venue. Revoked violations can reinstate you.",
  },
  exception_report: {
    zh: "您报备了异常发货，已退出本次活动，全部商品撤出会场（不可恢复）。",
    en: "You reported a shipping exception: you have left the campaign and all your products left the venue (final).",
  },
  withdrew: {
    zh: "您已主动退出本次活动，全部商品撤出会场（不可恢复）；已付款订单仍需履约。",
    en: "You withdrew from the campaign: all your products left the venue (final); orders already paid must still be fulfilled.",
  },
};

const REVOKE_REASON: Record<string, Bilingual> = {
  late_event: {
    zh: "迟到的物流信息证明按时履约",
    en: "a late carrier report shows it was on time",
  },
  appeal_upheld: { zh: "您的申诉成立", en: "your appeal was upheld" },
};

/** The words for one notification; unknown types get the fallback. */
export function wordingFor(n: NotificationFacts): Wording {
  const b = n.body;
  const order = n.orderId ?? str(b.orderId);
  const productId = n.productId ?? str(b.productId);
  const product = productId === null ? null : n.title ? `「${n.title}」(${productId})` : productId;
  const productEn = productId === null ? null : n.title ? `"${n.title}" (${productId})` : productId;
  const orderSubject: Subject | null = order === null ? null : { type: "order", id: order };
  const productSubject: Subject | null =
    productId === null ? null : { type: "product", id: productId };
  const merchantSubject: Subject = { type: "merchant", id: n.merchantId };
  const amount = num(b.amountFen);
  const w = (title: Bilingual, detail: Bilingual | null, subject: Subject | null): Wording => ({
    title,
    detail,
    subject: subject ?? merchantSubject,
  });

  switch (n.type) {
    case REVIEW_APPROVED:
      return w(
        {
          zh: `商品 ${product} 审核通过，已上架活动会场`,
          en: `Product ${productEn} was approved and is listed in the venue`,
        },
        null,
        n.registrationId ? { type: "registration", id: n.registrationId } : productSubject,
      );
    case REVIEW_REJECTED: {
      const reason = str(b.reason);
      return w(
        { zh: `商品 ${product} 审核未通过`, en: `Product ${productEn} was rejected at review` },
        reason
          ? {
              zh: `原因：${reason}。可报名其他商品替换。`,
              en: `Reason: ${reason}. You may register other products to replace it.`,
            }
          : null,
        n.registrationId ? { type: "registration", id: n.registrationId } : productSubject,
      );
    }
    case "violation.recorded": {
      const k = kindText(b.kind);
      return w(
        { zh: `订单 ${order} 记违规：${k.zh}`, en: `Order ${order}: violation recorded, ${k.en}` },
        {
          zh: "如系承运商扫描延迟等原因，可在申诉期内提交申诉并附证据。",
          en: "If a carrier's late scan caused it, you may appeal with evidence within the appeal window.",
        },
        orderSubject,
      );
    }
    case "violation.revoked": {
      const k = kindText(b.kind);
      const why = REVOKE_REASON[String(b.reason)];
      return w(
        {
          zh: `订单 ${order} 的违规（${k.zh}）已撤销`,
          en: `Order ${order}: the ${k.en} violation was revoked`,
        },
        why ? { zh: `原因：${why.zh}。`, en: `Because ${why.en}.` } : null,
        orderSubject,
      );
    }
    case "claim.paid":
      return w(
        {
          zh: `订单 ${order} 已向买家赔付 ${yuan(amount ?? 0)}`,
          en: `Order ${order}: ${yuan(amount ?? 0)} paid to the buyer`,
        },
        { zh: "赔付从您的保证金中扣除。", en: "The compensation is taken from your deposit." },
        orderSubject,
      );
    case "claim.held":
      return w(
        {
          zh: `订单 ${order} 的赔付转人工复核`,
          en: `Order ${order}: the claim is held for a person to review`,
        },
        null,
        orderSubject,
      );
    case "claim.declined":
      return w(
        {
          zh: `订单 ${order} 的赔付经复核不予赔付`,
          en: `Order ${order}: the held claim was declined`,
        },
        str(b.reason) ? { zh: `原因：${str(b.reason)}`, en: `Reason: ${str(b.reason)}` } : null,
        orderSubject,
      );
    case "claim.reversed":
      return w(
        {
          zh: `订单 ${order} 的赔付 ${yuan(amount ?? 0)} 已退回保证金`,
          en: `Order ${order}: the ${yuan(amount ?? 0)} claim was reversed to your deposit`,
        },
        null,
        orderSubject,
      );
    case "claim.withdrawn":
      return w(
        {
          zh: `订单 ${order} 的待复核赔付已撤回`,
          en: `Order ${order}: the held claim was withdrawn`,
        },
        null,
        orderSubject,
      );
    case "listing.weight_changed": {
      const weight = num(b.weight);
      const lowered = weight !== null && weight < 1;
      return w(
        lowered
          ? {
              zh: `商品 ${product} 流量降权至 ${weight}`,
              en: `Product ${productEn}: traffic lowered to weight ${weight}`,
            }
          : {
              zh: `商品 ${product} 流量恢复至 ${weight}`,
              en: `Product ${productEn}: traffic restored to weight ${weight}`,
            },
        num(b.violations) === null
          ? null
          : {
              zh: `生效违规 ${num(b.violations)} 条。`,
              en: `${num(b.violations)} violations in force.`,
            },
        productSubject,
      );
    }
    case "listing.delisted":
      return w(
        {
          zh: `商品 ${product} 已清退出会场`,
          en: `Product ${productEn} was delisted from the venue`,
        },
        num(b.violations) === null
          ? null
          : {
              zh: `生效违规 ${num(b.violations)} 条，达到清退门槛。`,
              en: `${num(b.violations)} violations in force reached the delisting threshold.`,
            },
        productSubject,
      );
    case "listing.relisted":
      return w(
        { zh: `商品 ${product} 已恢复上架`, en: `Product ${productEn} is back in the venue` },
        null,
        productSubject,
      );
    case "listing.suspended": {
      const codes = Array.isArray(b.rules) ? b.rules.map(String) : null;
      // By the rule's title, its code after it for reference; a code the campaign no longer
      // has stays a code.
      const named = (lang: keyof Bilingual) =>
        codes
          ?.map((code) => {
            const title = n.ruleTitles?.get(code)?.[lang];
            return title ? `${title} (${code})` : code;
          })
          .join(lang === "zh" ? "、" : ", ");
      return w(
        {
          zh: `商品 ${product} 暂停展示：不再满足活动规则`,
          en: `Product ${productEn} is suspended: it no longer meets the campaign's rules`,
        },
        codes && codes.length > 0
          ? {
              zh: `未满足：${named("zh")}。更新资料后将自动恢复。`,
              en: `Failing: ${named("en")}. It comes back once its facts pass again.`,
            }
          : null,
        productSubject,
      );
    }
    case "listing.restored":
      return w(
        {
          zh: `商品 ${product} 已恢复展示`,
          en: `Product ${productEn} is shown in the venue again`,
        },
        null,
        productSubject,
      );
    case "merchant.exited": {
      const reason = EXIT_REASON[String(b.reason)];
      return w(
        { zh: "您已退出本次活动", en: "You have left the campaign" },
        reason ?? null,
        merchantSubject,
      );
    }
    case "merchant.reinstated":
      return w(
        {
          zh: "您已恢复活动资格，商品重新上架",
          en: "You are reinstated: your products are back in the venue",
        },
        null,
        merchantSubject,
      );
    case "parcel.intercept_required": {
      const tracking = str(b.trackingNo);
      return w(
        {
          zh: `订单 ${order} 已退款，请拦截包裹`,
          en: `Order ${order} was refunded: intercept the parcel`,
        },
        tracking
          ? {
              zh: `运单号 ${tracking}${str(b.carrier) ? `（${str(b.carrier)}）` : ""}。`,
              en: `Tracking number ${tracking}${str(b.carrier) ? ` (${str(b.carrier)})` : ""}.`,
            }
          : null,
        orderSubject,
      );
    }
    case "refund.awaiting_merchant":
      return w(
        {
          zh: `订单 ${order} 的退款申请待您处理`,
          en: `Order ${order}: a refund request awaits you`,
        },
        null,
        orderSubject,
      );
    case "appeal.upheld":
      return w(
        { zh: `订单 ${order} 的申诉成立`, en: `Order ${order}: your appeal was upheld` },
        { zh: "违规及其后果已撤销。", en: "The violation and what followed from it are undone." },
        orderSubject,
      );
    case "appeal.dismissed":
      return w(
        { zh: `订单 ${order} 的申诉被驳回`, en: `Order ${order}: your appeal was dismissed` },
        str(b.note) ? { zh: `说明：${str(b.note)}`, en: `Note: ${str(b.note)}` } : null,
        orderSubject,
      );
    default:
      return fallback(n.type, order, productId, orderSubject ?? productSubject ?? merchantSubject);
  }
}

/** Any other decision: its type, and what it is about. */
function fallback(
  type: string,
  order: string | null,
  product: string | null,
  subject: Subject,
): Wording {
  const about =
    order !== null
      ? { zh: `订单 ${order}`, en: `order ${order}` }
      : product !== null
        ? { zh: `商品 ${product}`, en: `product ${product}` }
        : null;
  return {
    title: {
      zh: about ? `新的处理结果（${type}）：${about.zh}` : `新的处理结果（${type}）`,
      en: about ? `New decision (${type}) about ${about.en}` : `New decision (${type})`,
    },
    detail: null,
    subject,
  };
}
