/**
 * Benchmark input: N merchants with 1–3 products each, as `gala check` JSONL. Two populations:
 *
 * - `healthy` (the default): most facts are healthy; each one fails or is missing now and then,
 *   as on a registration day of merchants who meant to join, so about half fail something;
 * - `failing`: a real merchant population screened in bulk, where most fail a few rules
 *   (deposit, medal, points, pickup rate…): each merchant breaks 3–5 facts of its own, and its
 *   0–2 products one more now and then: 3–5 failing rules a line on average, and a decision
 *   line about 1.8× its input line in bytes.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { prng } from "../../src/app/fulfilment/simulation.js";

const CITIES = [
  "义乌市",
  "广州市",
  "深圳市",
  "汕头市",
  "杭州市",
  "泉州市",
  "东莞市",
  "苏州市",
  "临沂市",
  "宁波市",
  "佛山市",
  "温州市",
];
const WORDS = [
  "佳禾",
  "鑫源",
  "华夏",
  "顺达",
  "乐童",
  "悦衣坊",
  "极客",
  "锦绣",
  "美厨",
  "光辉",
  "海之味",
  "步步高",
];
const KINDS = [
  "日用品有限公司",
  "服饰商行",
  "玩具厂",
  "科技有限公司",
  "贸易有限公司",
  "工艺品厂",
  "电子商行",
];
const CATEGORIES: [string, string[]][] = [
  ["家居用品", ["加厚防滑衣架 20只装", "透明收纳箱 3件套", "旋转拖把桶套装"]],
  ["女装", ["法式碎花连衣裙", "高腰阔腿牛仔裤", "针织开衫 春款"]],
  ["玩具", ["儿童遥控越野车", "益智积木 500粒", "毛绒公仔 大号"]],
  ["食品饮料", ["手工桂花糕 礼盒", "龙井茶 250g", "麻辣小鱼仔 500g"]],
  ["数码", ["快充充电宝 20000毫安", "蓝牙降噪耳机", "手机支架 折叠"]],
  ["鞋子", ["透气飞织运动鞋", "加绒雪地靴", "居家拖鞋 防滑"]],
  ["照明", ["LED护眼台灯", "太阳能庭院灯", "感应小夜灯"]],
  ["汽车用品", ["汽车座椅靠垫", "车载手机支架", "汽车脚垫 全包围"]],
];
const REGIONS_OK = [
  "CN-XJ",
  "CN-XZ",
  "CN-QH",
  "CN-NX",
  "CN-GS",
  "CN-NM",
  "CN-HI",
  "CN-HK",
  "CN-MO",
  "CN-TW",
  "overseas",
  "US",
  "JP",
];
const REGIONS_BAD = ["CN-GD", "CN-ZJ", "CN-JS", "CN-SC", "CN-YN"];
const MEDALS = ["A", "AA", "AAA", "AAAA", "AAAAA"];

export type Population = "healthy" | "failing";

/**
 * The merchant facts a bulk screening most often finds broken, most common first, with the
 * failing value; `failing` merchants each break a few of them.
 */
const COMMON_FAILURES: readonly string[] = [
  "depositFen",
  "tradeMedal",
  "violationPoints",
  "pickupRate48h",
  "lighthouseScore",
  "holidayShipping",
  "competitivenessOk",
  "prohibitedInfoPoints",
  "mainCategory",
  "certification",
];

export function createGenerator(seed: number, population: Population = "healthy") {
  const rand = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  /** The facts this merchant breaks (`failing` population only). */
  let broken = new Set<string>();
  /** Healthy value most of the time; a failing value with probability p; missing rarely. */
  const fact = (healthy: unknown, failing: unknown, p = 0.025, name = ""): unknown => {
    if (broken.has(name)) return failing;
    const r = rand();
    return r < 0.003 ? undefined : r < p ? failing : healthy;
  };
  const chooseBroken = () => {
    if (population === "healthy") return new Set<string>();
    const count = 3 + Math.floor(rand() * 3); // 3–5 merchant facts
    const chosen = new Set<string>();
    // Skewed towards the front of the list, as real failures are.
    while (chosen.size < count) {
      chosen.add(COMMON_FAILURES[Math.floor(rand() * rand() * COMMON_FAILURES.length)]!);
    }
    return chosen;
  };
  /** A `failing` product breaks one fact of its own with this chance. */
  const productBreaks = 0.45;
  const PRODUCT_FAILURES = [
    "nonFreeShippingRegions",
    "shippingGuaranteeHours",
    "activityPriceFen",
    "sevenDayReturn",
    "douyinEwaybill",
  ];

  return (index: number): string => {
    broken = chooseBroken();
    const id = `m${String(index).padStart(7, "0")}`;
    const [category, titles] = pick(CATEGORIES);
    const merchant = {
      id,
      name: `${pick(CITIES)}${pick(WORDS)}${pick(KINDS)}`,
      pickupRate48h: fact(
        Math.round((0.85 + rand() * 0.15) * 1000) / 1000,
        0.84,
        undefined,
        "pickupRate48h",
      ),
      lighthouseScore: fact(
        Math.round((2 + rand() * 3) * 10) / 10,
        1.8,
        undefined,
        "lighthouseScore",
      ),
      mainCategory: fact(category, "医药保健", 0.01, "mainCategory"),
      tradeMedal: fact(pick(MEDALS), "none", undefined, "tradeMedal"),
      chengxintong: fact(true, false, 0.01),
      alipayVerified: fact(true, false, 0.01),
      buyerProtection: fact(true, false, 0.01),
      depositFen: fact(300000 + Math.floor(rand() * 20) * 50000, 250000, undefined, "depositFen"),
      certification: fact(
        rand() < 0.7 ? "enterprise" : "individual",
        "none",
        0.01,
        "certification",
      ),
      seriousFakeTransactions90d: fact(false, true, 0.01),
      violationPoints: fact(
        Math.floor(rand() * 36),
        36 + Math.floor(rand() * 30),
        undefined,
        "violationPoints",
      ),
      seriousIpInfringement: fact(false, true, 0.01),
      competitivenessOk: fact(true, false, undefined, "competitivenessOk"),
      prohibitedInfoPoints: fact(
        Math.floor(rand() * 24),
        24 + Math.floor(rand() * 20),
        0.01,
        "prohibitedInfoPoints",
      ),
      businessComplianceViolation: fact(false, true, 0.01),
      infringingListingPenalty: fact(false, 6, 0.01),
      courtDishonest: fact(false, true, 0.005),
      financeSeriousOverdue: fact(false, true, 0.005),
      holidayShipping: fact(true, false, 0.04, "holidayShipping"),
    };
    const products = [];
    // A bulk screening is of merchants first: fewer of their products come along.
    const count = population === "failing" ? Math.floor(rand() * 3) : 1 + Math.floor(rand() * 3);
    for (let j = 1; j <= count; j++) {
      broken =
        population === "failing" && rand() < productBreaks
          ? new Set([pick(PRODUCT_FAILURES)])
          : new Set<string>();
      const regions = REGIONS_OK.slice(0, 4 + Math.floor(rand() * 8));
      const priceFen = 990 + Math.floor(rand() * 30000);
      const lowest = priceFen - Math.floor(rand() * 500);
      products.push({
        id: `${id}-p${j}`,
        merchantId: id,
        title: pick(titles),
        category: fact(category, "房地产", 0.01),
        priceFen,
        activityPriceFen: fact(
          lowest - Math.floor(rand() * 300),
          lowest + 100,
          0.02,
          "activityPriceFen",
        ),
        lowestPrice30dFen: lowest,
        alipayEscrow: fact(true, false, 0.01),
        dropship: fact(true, false, 0.01),
        nonFreeShippingRegions: fact(
          regions,
          [...regions, pick(REGIONS_BAD)],
          0.03,
          "nonFreeShippingRegions",
        ),
        shippingGuaranteeHours: fact(rand() < 0.3 ? 24 : 48, null, 0.03, "shippingGuaranteeHours"),
        sevenDayReturn: fact(true, false, 0.02, "sevenDayReturn"),
        douyinEwaybill: fact(true, false, 0.02, "douyinEwaybill"),
      });
    }
    return JSON.stringify({ merchant, products });
  };
}

/** Writes `count` lines to `path`, with backpressure, in batches. */
export async function generateFile(
  path: string,
  count: number,
  seed: number,
  population: Population = "healthy",
): Promise<void> {
  const next = createGenerator(seed, population);
  const out = createWriteStream(path);
  let batch = "";
  for (let i = 1; i <= count; i++) {
    batch += `${next(i)}\n`;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
}
