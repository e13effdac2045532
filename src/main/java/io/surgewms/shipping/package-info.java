/**
 * Shipping: carrier accounts per shop, the carrier SPI and its providers (built-in own account, TikTok
 * Shipping, EasyPost, Sendcloud), rate shopping, and labels bought ahead of the packer by a worker.
 * Uses labels; packing asks it for a parcel's label; it never reaches into packing.
 */
package io.surgewms.shipping;
