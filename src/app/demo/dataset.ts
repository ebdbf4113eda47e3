/**
 * The demo dataset: three merchants and their products, chosen so that a new user sees every
 * state at once — products waiting for review (on track, due soon, overdue), approved and live in
 * the venue, rejected at registration with reasons (shipping, e-waybill, price above its 30-day
 * lowest), rejected at review and replaced — plus
 * products not yet registered, to register by hand.
 */
import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";
import type { MerchantFacts, ProductFacts } from "../facts/types.js";

export const DEMO_MERCHANTS = {
  good: "m-jiahe",
  second: "m-lanting",
  ineligible: "m-xinghe",
} as const;

const merchant = (id: string, name: string, over: Record<string, unknown> = {}): MerchantFacts =>
  ({ ...validMerchant(id), name, ...over }) as unknown as MerchantFacts;

/**
 * A product sold in the campaign at its list price, which was also its lowest price of the last
 * 30 days (product.lowest_price passes), unless `over` says otherwise.
 */
const product = (id: string, merchantId: string, over: Record<string, unknown>): ProductFacts => {
  const base = validProduct(id, merchantId);
  const priceFen = over.priceFen ?? base.priceFen;
  return {
    ...base,
    activityPriceFen: priceFen,
    lowestPrice30dFen: priceFen,
    ...over,
  } as unknown as ProductFacts;
};

export const demoMerchants: MerchantFacts[] = [
  merchant(DEMO_MERCHANTS.good, "义乌市佳禾日用品有限公司"),
  merchant(DEMO_MERCHANTS.second, "杭州兰亭服饰有限公司", { mainCategory: "女装" }),
  merchant(DEMO_MERCHANTS.ineligible, "广州星河数码配件店", {
    mainCategory: "数码",
    violationPoints: 40,
    depositFen: 120000,
    tradeMedal: "none",
  }),
];

const jiahe = DEMO_MERCHANTS.good;
const lanting = DEMO_MERCHANTS.second;
const xinghe = DEMO_MERCHANTS.ineligible;

export const demoProducts: ProductFacts[] = [
  product("p-hanger-20", jiahe, { title: "加厚防滑衣架 20只装", priceFen: 2990 }),
  product("p-storage-box", jiahe, { title: "可折叠收纳箱 3件套", priceFen: 4590 }),
  product("p-towel-set", jiahe, { title: "纯棉毛巾礼盒 4条装", priceFen: 3990 }),
  product("p-mop", jiahe, { title: "免手洗平板拖把", priceFen: 5990 }),
  product("p-cup", jiahe, { title: "316不锈钢保温杯 500ml", priceFen: 6900 }),
  product("p-slippers", jiahe, { title: "居家防滑拖鞋 男女款", priceFen: 1990 }),
  product("p-rack", jiahe, {
    title: "厨房置物架 三层",
    priceFen: 8900,
    nonFreeShippingRegions: ["CN-GD", "CN-XJ"],
    sevenDayReturn: false,
  }),
  product("p-lamp", jiahe, { title: "LED 护眼台灯", priceFen: 9900, douyinEwaybill: false }),
  product("p-hooks", jiahe, { title: "无痕粘钩 30只装", priceFen: 990 }),
  // Priced for the campaign above its lowest price of the last 30 days (product.lowest_price).
  product("p-basket", jiahe, {
    title: "藤编脏衣篮",
    priceFen: 3590,
    activityPriceFen: 3590,
    lowestPrice30dFen: 3190,
  }),
  product("p-dress-01", lanting, {
    title: "新年红色针织连衣裙",
    category: "女装",
    priceFen: 15900,
  }),
  product("p-coat-02", lanting, { title: "双面羊毛大衣", category: "女装", priceFen: 49900 }),
  product("p-scarf-03", lanting, { title: "羊绒围巾 礼盒装", category: "女装", priceFen: 12900 }),
  product("p-cable", xinghe, { title: "快充数据线 1m", category: "数码", priceFen: 1590 }),
  product("p-charger", xinghe, { title: "氮化镓充电头 65W", category: "数码", priceFen: 8900 }),
];

/** What happens to each registered product, and how many hours before "now" it was registered. */
export interface DemoStep {
  productId: string;
  merchantId: string;
  hoursAgo: number;
  review?: { decision: "approve" | "reject"; reason?: string; hoursAgo: number };
  replaces?: string;
}

export const demoSteps: DemoStep[] = [
  // Live in the venue.
  {
    productId: "p-hanger-20",
    merchantId: jiahe,
    hoursAgo: 120,
    review: { decision: "approve", hoursAgo: 100 },
  },
  {
    productId: "p-storage-box",
    merchantId: jiahe,
    hoursAgo: 110,
    review: { decision: "approve", hoursAgo: 90 },
  },
  {
    productId: "p-dress-01",
    merchantId: lanting,
    hoursAgo: 96,
    review: { decision: "approve", hoursAgo: 80 },
  },
  {
    productId: "p-coat-02",
    merchantId: lanting,
    hoursAgo: 90,
    review: { decision: "approve", hoursAgo: 70 },
  },
  // Rejected at review, then replaced by another product (waiting for review).
  {
    productId: "p-towel-set",
    merchantId: jiahe,
    hoursAgo: 100,
    review: { decision: "reject", reason: "主图含促销文字，请更换白底主图", hoursAgo: 60 },
  },
  { productId: "p-mop", merchantId: jiahe, hoursAgo: 50, replaces: "p-towel-set" },
  // Waiting for review: overdue (registered 80 h ago), due soon (60 h), on track (2 h).
  { productId: "p-cup", merchantId: jiahe, hoursAgo: 80 },
  { productId: "p-scarf-03", merchantId: lanting, hoursAgo: 60 },
  { productId: "p-slippers", merchantId: jiahe, hoursAgo: 2 },
  // Rejected at registration, with reasons.
  { productId: "p-rack", merchantId: jiahe, hoursAgo: 30 },
  { productId: "p-lamp", merchantId: jiahe, hoursAgo: 20 },
  { productId: "p-cable", merchantId: xinghe, hoursAgo: 40 },
  { productId: "p-basket", merchantId: jiahe, hoursAgo: 10 },
  // p-hooks and p-charger stay unregistered: register them from the API or console.
];
