/**
 * The console's pages. Merchant pages carry the merchant id in the URL, so an operator can open
 * any merchant's view and a merchant who edits the URL to another id gets the server's 403.
 */
import type { ReactNode } from "react";
import type { MessageKey } from "../i18n/index.js";
import { AppealsQueuePage } from "../pages/disputes/appeals-queue-page.js";
import { MerchantAppealsPage } from "../pages/disputes/merchant-appeals-page.js";
import { FinancePage } from "../pages/downstream/finance-page.js";
import { InboxPage } from "../pages/downstream/inbox-page.js";
import { LedgerPage } from "../pages/downstream/ledger-page.js";
import { OrderPage } from "../pages/downstream/order-page.js";
import { CampaignPage } from "../pages/merchant/campaign-page.js";
import { OrdersPage } from "../pages/merchant/orders-page.js";
import { RegisterPage } from "../pages/merchant/register-page.js";
import { RegistrationsPage } from "../pages/merchant/registrations-page.js";
import { AllOrdersPage } from "../pages/operator/all-orders-page.js";
import { AuditPage } from "../pages/operator/audit-page.js";
import { DashboardPage } from "../pages/operator/dashboard-page.js";
import { EditorPage } from "../pages/operator/editor-page.js";
import { HeldClaimsPage } from "../pages/operator/held-claims-page.js";
import { MerchantsPage } from "../pages/operator/merchants-page.js";
import { QueuePage } from "../pages/operator/queue-page.js";
import { VenuePage } from "../pages/venue/venue-page.js";
import type { Role } from "./session.js";

export interface RouteDef {
  pattern: string;
  title: MessageKey;
  /** Who may open it: the console shows others a 403 at once; the server enforces the same. */
  roles: Role[] | "any";
  render: (params: Record<string, string>) => ReactNode;
}

const STAFF: Role[] = ["operator", "admin"];
const MERCHANT_VIEW: Role[] = ["merchant", "operator", "admin"];

export const routes: RouteDef[] = [
  {
    pattern: "/merchants/:merchantId/campaign",
    title: "nav.campaign",
    roles: MERCHANT_VIEW,
    render: (p) => <CampaignPage merchantId={p.merchantId!} />,
  },
  {
    pattern: "/merchants/:merchantId/register",
    title: "nav.register",
    roles: MERCHANT_VIEW,
    render: (p) => <RegisterPage merchantId={p.merchantId!} />,
  },
  {
    pattern: "/merchants/:merchantId/registrations",
    title: "nav.registrations",
    roles: MERCHANT_VIEW,
    render: (p) => <RegistrationsPage merchantId={p.merchantId!} />,
  },
  {
    pattern: "/merchants/:merchantId/orders",
    title: "nav.orders",
    roles: MERCHANT_VIEW,
    render: (p) => <OrdersPage merchantId={p.merchantId!} />,
  },
  {
    pattern: "/merchants/:merchantId/orders/:orderId",
    title: "nav.orders",
    roles: MERCHANT_VIEW,
    render: (p) => <OrderPage merchantId={p.merchantId!} orderId={p.orderId!} />,
  },
  {
    pattern: "/merchants/:merchantId/inbox",
    title: "nav.inbox",
    roles: MERCHANT_VIEW,
    render: (p) => <InboxPage merchantId={p.merchantId!} />,
  },
  {
    pattern: "/merchants/:merchantId/ledger",
    title: "nav.ledger",
    roles: MERCHANT_VIEW,
    render: (p) => <LedgerPage merchantId={p.merchantId!} />,
  },
  { pattern: "/finance", title: "nav.finance", roles: STAFF, render: () => <FinancePage /> },
  {
    pattern: "/merchants/:merchantId/appeals",
    title: "nav.appeals",
    roles: MERCHANT_VIEW,
    render: (p) => <MerchantAppealsPage merchantId={p.merchantId!} />,
  },
  { pattern: "/review", title: "nav.review", roles: STAFF, render: () => <QueuePage /> },
  {
    pattern: "/appeals",
    title: "nav.appealsQueue",
    roles: STAFF,
    render: () => <AppealsQueuePage />,
  },
  { pattern: "/dashboard", title: "nav.dashboard", roles: STAFF, render: () => <DashboardPage /> },
  { pattern: "/merchants", title: "nav.merchants", roles: STAFF, render: () => <MerchantsPage /> },
  { pattern: "/orders", title: "nav.allOrders", roles: STAFF, render: () => <AllOrdersPage /> },
  { pattern: "/claims", title: "nav.claims", roles: STAFF, render: () => <HeldClaimsPage /> },
  { pattern: "/audit", title: "nav.audit", roles: STAFF, render: () => <AuditPage /> },
  { pattern: "/editor", title: "nav.editor", roles: STAFF, render: () => <EditorPage /> },
  { pattern: "/venue", title: "nav.venue", roles: "any", render: () => <VenuePage /> },
];
