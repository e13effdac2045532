/** The built-in own-account carrier: tracking numbers from the range a carrier granted, inline or as a provider. */
package io.surgewms.shipping.own;
