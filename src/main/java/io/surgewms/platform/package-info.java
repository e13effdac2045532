/**
 * What every feature shares and no feature owns: start-up (database bootstrap, demo switch),
 * RFC 9457 problem responses, paging. Depends on no feature package.
 */
package io.surgewms.platform;
