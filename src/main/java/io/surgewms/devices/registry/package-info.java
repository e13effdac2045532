/** Device profiles (files in devices/ and the API), validated, stored with their live status. */
package io.surgewms.devices.registry;
