-- Shopify fulfillment orders on hold (issue 19). Shopify holds a fulfillment order, not the order, and its
-- hold webhooks name only the fulfillment order. One row per held fulfillment order: the Shopify order is
-- held in Surge while it has a row. A row is kept even before its order arrives (placed_on_hold can come
-- before orders/create, or instead of a create that was missed), so the order is taken held when it comes.
create table shopify_hold (
    account_id        bigint      not null references channel_account(id),
    fulfillment_order text        not null, -- gid://shopify/FulfillmentOrder/...
    order_id          text        not null, -- Shopify's order id: the order's external_id
    reason            text,
    held_at           timestamptz not null default now(),
    primary key (account_id, fulfillment_order)
);
create index shopify_hold_order on shopify_hold(account_id, order_id);
