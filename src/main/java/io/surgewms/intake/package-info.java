/**
 * Order intake from every channel: validation, idempotency on (shop, channel, external id), and
 * allocation at once, with concurrent requests group-committed so a spike costs few transactions.
 */
package io.surgewms.intake;
