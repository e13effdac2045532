/**
 * The demo warehouse loaded into an empty database when SURGE_DEMO is on: two shops, a generated
 * layout, stock and a spike of open orders, so a newcomer sees a working floor at once.
 */
package io.surgewms.demo;
